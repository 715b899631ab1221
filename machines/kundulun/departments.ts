/** Departments in 昆都仑区本级政务信息化项目建设管理办法（试行） (第四条). */
export const departments = {
  applicant: { name: '项目建设单位', superior: 'dataBureau' },
  dataBureau: { name: '区行政审批政务服务与数据管理局（区政数局）', superior: 'districtGovernment' },
  finance: { name: '区财政局', superior: 'districtGovernment' },
  districtGovernment: { name: '区人民政府', superior: 'districtGovernment' },
  cyberspace: { name: '区委网信办', superior: 'districtGovernment' },
  nationalSecurity: { name: '区委国安办', superior: 'districtGovernment' },
  secrecy: { name: '区委保密机要局', superior: 'districtGovernment' },
  police: { name: '区公安分局', superior: 'districtGovernment' },
  audit: { name: '区审计局', superior: 'districtGovernment' },
} as const;
