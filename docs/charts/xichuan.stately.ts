// 淅川县：淅川县政务信息化项目建设管理办法（暂行）（淅政办〔2025〕6号）— chart v3.
// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.
import { createMachine } from 'xstate';

export const xichuanChart = createMachine({
  "id": "xichuan",
  "description": "淅川县政务信息化项目建设管理办法（暂行）（淅政办〔2025〕6号）",
  "initial": "intake",
  "states": {
    "intake": {
      "always": [
        {
          "guard": "isTemporary",
          "target": "temporary",
          "description": "国家和省、市的临时安排，不在年度建设计划范围内（第八条）"
        },
        {
          "target": "infoReview",
          "description": "每年6月底前报送下年度项目（第七条）"
        }
      ]
    },
    "infoReview": {
      "description": "审查必要性、规模合理性、技术先进性、安全可靠性、集约性，出具项目审查意见（第七条）",
      "meta": {
        "status": "under_review",
        "task": {
          "id": "infoReview",
          "title": "项目审查",
          "assignee": "infoBureau",
          "article": "淅川 第七条",
          "actions": [
            "approve",
            "reject",
            "return"
          ]
        },
        "upgradeable": true
      },
      "on": {
        "infoReview.approve": [
          {
            "guard": "isInvestment",
            "target": "investment",
            "description": "政府投资建设类（第四、七条）",
            "actions": {
              "type": "record",
              "params": {
                "as": "infoReview"
              }
            }
          },
          {
            "target": "service",
            "description": "政府购买服务类及单纯设备和软件采购（第七条）",
            "actions": {
              "type": "record",
              "params": {
                "as": "infoReview"
              }
            }
          }
        ],
        "infoReview.return": {
          "target": "revision",
          "actions": {
            "type": "record",
            "params": {
              "as": "infoReturn"
            }
          }
        },
        "infoReview.reject": {
          "target": "rejected",
          "actions": {
            "type": "record",
            "params": {
              "as": "rejection"
            }
          }
        }
      }
    },
    "revision": {
      "meta": {
        "status": "returned",
        "task": {
          "id": "revision",
          "title": "按审查意见修改申报材料",
          "assignee": "applicant",
          "article": "淅川 第七条",
          "actions": [
            "submit"
          ]
        },
        "upgradeable": true
      },
      "on": {
        "revision.submit": {
          "target": "infoReview",
          "actions": {
            "type": "record",
            "params": {
              "as": "revision"
            }
          }
        }
      }
    },
    "investment": {
      "description": "政府投资建设类：县发改委对审查通过的项目报县政府批准后列入储备库，履行项目建议书、可研、初步设计审批，下达投资计划（第七、九、十一条）",
      "initial": "reserveSubmission",
      "states": {
        "reserveSubmission": {
          "description": "县发改委对审查通过的政务信息化项目，报县政府批准（第七条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "reserveSubmission",
              "title": "报县政府批准列入政府投资项目储备库",
              "assignee": "ndrc",
              "article": "淅川 第七条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "reserveSubmission.submit": {
              "target": "reserve",
              "actions": {
                "type": "record",
                "params": {
                  "as": "reserveSubmission"
                }
              }
            }
          }
        },
        "reserve": {
          "description": "县政府批准列入政府投资项目储备库（第七条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "reserve",
              "title": "县政府批准列入政府投资项目储备库",
              "assignee": "countyGovernment",
              "article": "淅川 第七条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "reserve.approve": {
              "target": "proposal",
              "actions": {
                "type": "record",
                "params": {
                  "as": "reserve"
                }
              }
            },
            "reserve.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "proposal": {
          "description": "项目建议书审批（第九条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "proposal",
              "title": "项目建议书审批",
              "assignee": "ndrc",
              "article": "淅川 第九条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "proposal.approve": {
              "target": "feasibility",
              "actions": {
                "type": "record",
                "params": {
                  "as": "proposal"
                }
              }
            },
            "proposal.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "feasibility": {
          "description": "可行性研究报告审批（第九条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "feasibility",
              "title": "可行性研究报告审批",
              "assignee": "ndrc",
              "article": "淅川 第九条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "feasibility.approve": {
              "target": "design",
              "actions": {
                "type": "record",
                "params": {
                  "as": "feasibility"
                }
              }
            },
            "feasibility.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "design": {
          "description": "初步设计审批（第九条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "design",
              "title": "初步设计审批",
              "assignee": "ndrc",
              "article": "淅川 第九条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "design.approve": {
              "target": "investmentPlan",
              "actions": {
                "type": "record",
                "params": {
                  "as": "design"
                }
              }
            },
            "design.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "investmentPlan": {
          "description": "下达政府投资项目投资计划（第十一条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "investmentPlan",
              "title": "下达政府投资项目投资计划",
              "assignee": "ndrc",
              "article": "淅川 第十一条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "investmentPlan.approve": {
              "target": "implementationOpinion",
              "actions": {
                "type": "record",
                "params": {
                  "as": "investmentPlan"
                }
              }
            },
            "investmentPlan.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "implementationOpinion": {
          "description": "出具项目实施意见（第十一条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "implementationOpinion",
              "title": "出具项目实施意见",
              "assignee": "infoBureau",
              "article": "淅川 第十一条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "implementationOpinion.approve": {
              "target": "#xichuan.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "implementationOpinion"
                }
              }
            },
            "implementationOpinion.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        }
      }
    },
    "service": {
      "description": "政府购买服务类及单纯设备和软件采购：审查通过、报县政府批准后实施（第七条）",
      "initial": "countyApproval",
      "states": {
        "countyApproval": {
          "description": "县政府批准（第七条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "countyApproval",
              "title": "县政府批准",
              "assignee": "countyGovernment",
              "article": "淅川 第七条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "countyApproval.approve": {
              "target": "#xichuan.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "countyApproval"
                }
              }
            },
            "countyApproval.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        }
      }
    },
    "temporary": {
      "description": "临时安排：县分管领导同意，技术性审查，县发改委审批，列入当年项目清单（第八条）",
      "initial": "leaderConsent",
      "states": {
        "leaderConsent": {
          "description": "县分管领导同意（第八条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "leaderConsent",
              "title": "县分管领导同意",
              "assignee": "leader",
              "article": "淅川 第八条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "leaderConsent.approve": {
              "target": "technicalReview",
              "actions": {
                "type": "record",
                "params": {
                  "as": "leaderConsent"
                }
              }
            },
            "leaderConsent.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "technicalReview": {
          "description": "技术性审查（第八条）",
          "meta": {
            "status": "under_review",
            "task": {
              "id": "technicalReview",
              "title": "技术性审查",
              "assignee": "infoBureau",
              "article": "淅川 第八条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "technicalReview.approve": {
              "target": "ndrcApproval",
              "actions": {
                "type": "record",
                "params": {
                  "as": "technicalReview"
                }
              }
            },
            "technicalReview.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "ndrcApproval": {
          "description": "县发改委审批（第八条）",
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "ndrcApproval",
              "title": "县发改委审批",
              "assignee": "ndrc",
              "article": "淅川 第八条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "ndrcApproval.approve": {
              "target": "#xichuan.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "ndrcApproval"
                }
              }
            },
            "ndrcApproval.reject": {
              "target": "#xichuan.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        }
      }
    },
    "project": {
      "type": "parallel",
      "states": {
        "lifecycle": {
          "initial": "budgeting",
          "states": {
            "budgeting": {
              "description": "县财政局依据投资计划和实施意见安排预算（第十一条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budget",
                  "title": "安排预算",
                  "assignee": "finance",
                  "article": "淅川 第十一条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "budget.approve": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budget"
                    }
                  }
                },
                "budget.reject": {
                  "target": "#xichuan.unfunded",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budgetRejection"
                    }
                  }
                }
              }
            },
            "procurement": {
              "description": "依据批复和技术审查意见组织招标采购，签订合同（第十四、十五条）；建设项目实行监理制（第十六条）",
              "meta": {
                "status": "procurement",
                "task": {
                  "id": "procurement",
                  "title": "招标采购并签订合同",
                  "assignee": "applicant",
                  "article": "淅川 第十四条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "procurement.submit": {
                  "target": "construction",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "supervisorForInvestment",
                        "noSubcontracting"
                      ]
                    }
                  },
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "contract"
                    }
                  }
                }
              }
            },
            "construction": {
              "description": "建设实施；未经规定程序批准不得擅自修改建设内容（第十七条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "completion",
                  "title": "报告项目建成",
                  "assignee": "applicant",
                  "article": "淅川 第十八条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "adjustment",
                    "title": "建设内容调整并向县发改委备案",
                    "assignee": "applicant",
                    "article": "淅川 第十七条",
                    "actions": [
                      "submit"
                    ]
                  }
                ]
              },
              "on": {
                "completion.submit": {
                  "target": "awaitingAcceptance",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "completion"
                    }
                  }
                },
                "adjustment.submit": {
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "adjustmentGoalUnchanged",
                        "adjustmentWithinEstimate",
                        "adjustmentShare",
                        "technicalOpinion"
                      ]
                    }
                  },
                  "description": "审批环节全部完成、不超概算、目标不变、调整不超过15%且符合三种情形之一的，可自行调整并向县发改委备案（第十七条）",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "adjustment"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "ndrc",
                        "message": "建设内容调整备案",
                        "article": "淅川 第十七条"
                      }
                    }
                  ]
                }
              }
            },
            "awaitingAcceptance": {
              "description": "建成6个月内组织验收（第十八条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "组织竣工验收",
                  "assignee": "applicant",
                  "article": "淅川 第十八条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "acceptance",
                  "title": "建成6个月内组织验收",
                  "article": "淅川 第十八条",
                  "period": {
                    "unit": "months",
                    "count": 6
                  },
                  "start": "records.completion.completedOn"
                }
              },
              "on": {
                "acceptance.pass": {
                  "target": "#xichuan.project.lifecycle.operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "acceptanceSummary",
                        "acceptanceFinancialReport",
                        "acceptanceAuditReport",
                        "acceptanceSecurityAssessment",
                        "aiEffectAssessed"
                      ]
                    }
                  },
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "acceptance"
                    }
                  }
                },
                "acceptance.fail": {
                  "target": "#xichuan.project.lifecycle.rectifying",
                  "description": "未通过验收的，一个月内完成整改后重新组织验收（第十九条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "deadline.acceptance": {
                  "target": "lateExplanation",
                  "description": "不能按期完成验收的，应提交书面说明并明确验收时间（第十九条）",
                  "actions": {
                    "type": "escalate",
                    "params": {
                      "to": "infoBureau",
                      "reason": "项目未在建成6个月内完成验收",
                      "article": "淅川 第十九条"
                    }
                  }
                }
              }
            },
            "lateExplanation": {
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "lateExplanation",
                  "title": "未按期验收书面说明",
                  "assignee": "applicant",
                  "article": "淅川 第十九条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "lateExplanation.submit": {
                  "target": "explainedAcceptance",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "lateExplanation"
                    }
                  }
                }
              }
            },
            "explainedAcceptance": {
              "description": "按书面说明明确的验收时间组织验收（第十九条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "组织竣工验收",
                  "assignee": "applicant",
                  "article": "淅川 第十八条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "promisedAcceptance",
                  "title": "书面说明明确的验收时间",
                  "article": "淅川 第十九条",
                  "period": {
                    "unit": "onDate"
                  },
                  "start": "records.lateExplanation.acceptanceDate"
                }
              },
              "on": {
                "acceptance.pass": {
                  "target": "#xichuan.project.lifecycle.operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "acceptanceSummary",
                        "acceptanceFinancialReport",
                        "acceptanceAuditReport",
                        "acceptanceSecurityAssessment",
                        "aiEffectAssessed"
                      ]
                    }
                  },
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "acceptance"
                    }
                  }
                },
                "acceptance.fail": {
                  "target": "#xichuan.project.lifecycle.rectifying",
                  "description": "未通过验收的，一个月内完成整改后重新组织验收（第十九条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "deadline.promisedAcceptance": {
                  "description": "仍未按明确的时间验收：责令限期整改（第三十五条）",
                  "actions": {
                    "type": "orderRectification",
                    "params": {
                      "reason": "未按书面说明明确的时间组织验收",
                      "article": "淅川 第十九条",
                      "by": "infoBureau"
                    }
                  }
                }
              }
            },
            "rectifying": {
              "description": "一个月内完成整改后重新组织验收（第十九条）",
              "meta": {
                "status": "rectification",
                "task": {
                  "id": "reAcceptance",
                  "title": "整改后重新验收",
                  "assignee": "applicant",
                  "article": "淅川 第十九条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "rectificationMonth",
                  "title": "一个月内完成整改",
                  "article": "淅川 第十九条",
                  "period": {
                    "unit": "months",
                    "count": 1
                  },
                  "start": "records.failedAcceptance.acceptedOn"
                }
              },
              "on": {
                "reAcceptance.pass": {
                  "target": "operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "acceptanceSummary",
                        "acceptanceFinancialReport",
                        "acceptanceAuditReport",
                        "acceptanceSecurityAssessment",
                        "aiEffectAssessed"
                      ]
                    }
                  },
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "acceptance"
                    }
                  }
                },
                "reAcceptance.fail": {
                  "target": "rectifying",
                  "reenter": true,
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "deadline.rectificationMonth": {
                  "description": "逾期未完成整改：责令限期整改，拒不整改的暂缓拨付、暂停建设（第十九、三十五条）",
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "infoBureau",
                        "reason": "验收未通过后一个月内未完成整改",
                        "article": "淅川 第十九条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "验收未通过后一个月内未完成整改",
                        "article": "淅川 第十九条",
                        "by": "infoBureau"
                      }
                    }
                  ]
                }
              }
            },
            "operation": {
              "type": "parallel",
              "description": "运行维护实行项目建设单位负责制（第二十条）",
              "meta": {
                "status": "in_operation"
              },
              "states": {
                "opsFee": {
                  "initial": "idle",
                  "states": {
                    "idle": {
                      "meta": {
                        "offers": [
                          {
                            "id": "opsFee",
                            "title": "申请运维费审核",
                            "assignee": "applicant",
                            "article": "淅川 第二十二条",
                            "actions": [
                              "submit"
                            ]
                          }
                        ]
                      },
                      "on": {
                        "opsFee.submit": {
                          "target": "infoReview",
                          "guard": {
                            "type": "rulesHold",
                            "params": {
                              "rules": [
                                "opsConnected",
                                "opsInUse",
                                "opsOtherRequirements"
                              ]
                            }
                          },
                          "description": "有第二十三条所列情况的不予安排运维预算",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFeeRequest"
                            }
                          }
                        }
                      }
                    },
                    "infoReview": {
                      "meta": {
                        "task": {
                          "id": "opsFeeReview",
                          "title": "运维费审核",
                          "assignee": "infoBureau",
                          "article": "淅川 第二十二条",
                          "actions": [
                            "approve",
                            "reject"
                          ]
                        }
                      },
                      "on": {
                        "opsFeeReview.approve": {
                          "target": "budget",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFeeOpinion"
                            }
                          }
                        },
                        "opsFeeReview.reject": {
                          "target": "idle",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFeeRejection"
                            }
                          }
                        }
                      }
                    },
                    "budget": {
                      "meta": {
                        "task": {
                          "id": "opsBudget",
                          "title": "运维预算审核",
                          "assignee": "finance",
                          "article": "淅川 第二十二条",
                          "actions": [
                            "approve",
                            "reject"
                          ]
                        }
                      },
                      "on": {
                        "opsBudget.approve": {
                          "target": "idle",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsBudget"
                            }
                          }
                        },
                        "opsBudget.reject": {
                          "target": "idle",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsBudgetRejection"
                            }
                          }
                        }
                      }
                    }
                  }
                },
                "usage": {
                  "initial": "running",
                  "states": {
                    "running": {
                      "meta": {
                        "offers": [
                          {
                            "id": "shutdown",
                            "title": "报告停止运行或长期未使用",
                            "assignee": "applicant",
                            "article": "淅川 第二十条",
                            "actions": [
                              "submit"
                            ]
                          },
                          {
                            "id": "performanceEvaluation",
                            "title": "第三方绩效监控和评价",
                            "assignee": "infoBureau",
                            "article": "淅川 第三十七条",
                            "actions": [
                              "submit"
                            ]
                          }
                        ]
                      },
                      "on": {
                        "shutdown.submit": {
                          "target": "shutdownReview",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "shutdownReport"
                            }
                          }
                        },
                        "performanceEvaluation.submit": {
                          "description": "评价报告报县财政局，作为资金拨付依据（第三十七条）",
                          "actions": [
                            {
                              "type": "record",
                              "params": {
                                "as": "performanceEvaluation"
                              }
                            },
                            {
                              "type": "notify",
                              "params": {
                                "to": "finance",
                                "message": "绩效监控和评价报告",
                                "article": "淅川 第三十七条"
                              }
                            }
                          ]
                        }
                      }
                    },
                    "shutdownReview": {
                      "meta": {
                        "task": {
                          "id": "shutdownReview",
                          "title": "关停核准",
                          "assignee": "infoBureau",
                          "article": "淅川 第二十条",
                          "actions": [
                            "approve",
                            "reject"
                          ]
                        }
                      },
                      "on": {
                        "shutdownReview.approve": {
                          "target": "#xichuan.decommissioned",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "shutdown"
                            }
                          }
                        },
                        "shutdownReview.reject": {
                          "target": "running",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "shutdownRejection"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "supervision": {
          "description": "监督管理：限期整改，逾期不整改或整改不到位的依次暂缓拨付建设资金、暂停项目建设（淅川 第三十五条）",
          "initial": "compliant",
          "states": {
            "compliant": {
              "meta": {
                "offers": [
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "ndrc",
                    "article": "淅川 第三十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "finance",
                    "article": "淅川 第三十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "infoBureau",
                    "article": "淅川 第三十五条",
                    "actions": [
                      "order"
                    ]
                  }
                ]
              },
              "on": {
                "supervision.order": {
                  "target": "rectificationOrdered",
                  "actions": "noteOrder"
                }
              }
            },
            "rectificationOrdered": {
              "meta": {
                "sanction": "rectification_ordered",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "淅川 第三十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "rectification",
                  "title": "限期整改",
                  "article": "淅川 第三十五条",
                  "period": {
                    "unit": "serviceLevel",
                    "key": "rectification"
                  }
                }
              },
              "on": {
                "rectification.submit": {
                  "target": "rectificationCheck",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "rectification"
                    }
                  }
                },
                "deadline.rectification": {
                  "target": "funds_suspended",
                  "description": "逾期不整改（淅川 第三十五条）"
                }
              }
            },
            "rectificationCheck": {
              "meta": {
                "sanction": "rectification_ordered",
                "task": {
                  "id": "rectificationCheck",
                  "title": "整改情况核查",
                  "assignee": "infoBureau",
                  "article": "淅川 第三十五条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "rectificationCheck.approve": {
                  "target": "compliant",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "rectificationAccepted"
                    }
                  }
                },
                "rectificationCheck.reject": {
                  "target": "funds_suspended",
                  "description": "整改不到位（淅川 第三十五条）"
                }
              }
            },
            "funds_suspended": {
              "description": "暂缓拨付建设资金（淅川 第三十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "infoBureau",
                    "reason": "逾期不整改或整改不到位：暂缓拨付建设资金",
                    "article": "淅川 第三十五条"
                  }
                },
                {
                  "type": "notify",
                  "params": {
                    "to": "finance",
                    "message": "暂缓拨付建设资金",
                    "article": "淅川 第三十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "funds_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "淅川 第三十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "sanction",
                  "title": "暂缓拨付建设资金后整改期限",
                  "article": "淅川 第三十五条",
                  "period": {
                    "unit": "serviceLevel",
                    "key": "sanctionStep"
                  }
                }
              },
              "on": {
                "rectification.submit": {
                  "target": "rectificationCheck",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "rectification"
                    }
                  }
                },
                "deadline.sanction": {
                  "target": "project_suspended",
                  "description": "仍未整改：暂停项目建设（淅川 第三十五条）"
                }
              }
            },
            "project_suspended": {
              "description": "暂停项目建设（淅川 第三十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "countyGovernment",
                    "reason": "逾期不整改或整改不到位：暂停项目建设",
                    "article": "淅川 第三十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "project_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "淅川 第三十五条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "rectification.submit": {
                  "target": "rectificationCheck",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "rectification"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "rejected": {
      "type": "final",
      "description": "审查或审批未通过（第七、八、九条）",
      "meta": {
        "status": "rejected"
      }
    },
    "unfunded": {
      "type": "final",
      "description": "县财政局未安排预算（第十一条）",
      "meta": {
        "status": "unfunded"
      }
    },
    "decommissioned": {
      "type": "final",
      "description": "停止运行或长期未使用，经核准关停（第二十条）",
      "meta": {
        "status": "decommissioned"
      }
    }
  }
});
