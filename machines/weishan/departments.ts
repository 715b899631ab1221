/** Departments that act in 微山县's process (微政字〔2025〕16号 第四条), by id. */
export const departments = {
  applicant: { name: '项目建设单位', superior: 'bigData' },
  bigData: { name: '县大数据局', superior: 'countyGovernment' },
  finance: { name: '县财政局', superior: 'countyGovernment' },
  audit: { name: '县审计局', superior: 'countyGovernment' },
  adminApproval: { name: '县行政审批服务局', superior: 'countyGovernment' },
  cyberspace: { name: '县网信办', superior: 'countyGovernment' },
  crypto: { name: '县密码管理局', superior: 'countyGovernment' },
  countyGovernment: { name: '县委、县政府', superior: 'upperBigData' },
  upperBigData: { name: '济宁市大数据局（上一级大数据主管部门）', superior: 'upperBigData' },
} as const;

/** A 微山 department id. */
export type WeishanDepartment = keyof typeof departments;
