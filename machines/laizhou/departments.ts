/** Departments in 莱州市政务信息化项目管理办法（试行） (第四、五、九条). */
export const departments = {
  applicant: { name: '需求单位', superior: 'bigData' },
  operator: { name: '运营公司', superior: 'bigData' },
  bigData: { name: '市政府办公室（市大数据局）', superior: 'leadingGroup' },
  finance: { name: '市财政局', superior: 'leadingGroup' },
  ndrc: { name: '市发展改革局', superior: 'leadingGroup' },
  adminApproval: { name: '市行政审批服务局', superior: 'leadingGroup' },
  localApproval: { name: '项目属地审批主管部门', superior: 'leadingGroup' },
  leadingGroup: { name: '市数字强市建设领导小组', superior: 'leadingGroup' },
  audit: { name: '市审计局', superior: 'leadingGroup' },
} as const;
