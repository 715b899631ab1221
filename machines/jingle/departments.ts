/**
 * Departments in 静乐县政务信息化项目建设应用管理办法 (第五条). Note its terms: 项目实施单位 is the
 * owning department (here `applicant`); 项目建设单位 is the vendor chosen by open competition.
 */
export const departments = {
  applicant: { name: '项目实施单位', superior: 'infoBureau' },
  infoBureau: { name: '县政务信息管理局', superior: 'countyGovernment' },
  finance: { name: '县财政局', superior: 'countyGovernment' },
  countyGovernment: { name: '县人民政府', superior: 'countyGovernment' },
} as const;
