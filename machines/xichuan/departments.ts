/** Departments in 淅川县政务信息化项目建设管理办法（暂行） (第五、八条). */
export const departments = {
  applicant: { name: '项目建设单位', superior: 'infoBureau' },
  infoBureau: { name: '县行政审批和政务信息管理局', superior: 'countyGovernment' },
  ndrc: { name: '县发改委', superior: 'countyGovernment' },
  finance: { name: '县财政局', superior: 'countyGovernment' },
  countyGovernment: { name: '县人民政府', superior: 'countyGovernment' },
  leader: { name: '县分管领导', superior: 'countyGovernment' },
  cyberspace: { name: '县委网信办', superior: 'countyGovernment' },
  audit: { name: '县审计局', superior: 'countyGovernment' },
} as const;
