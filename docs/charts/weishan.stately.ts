// 微山县：微山县政务信息化项目建设管理办法（微政字〔2025〕16号）— chart v2.
// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.
import { createMachine } from 'xstate';

export const weishanChart = createMachine({
  "id": "weishan",
  "description": "微山县政务信息化项目建设管理办法（微政字〔2025〕16号）",
  "initial": "intake",
  "states": {
    "intake": {
      "description": "受理：按项目类型进入相应程序（第十六、十七、十九条）",
      "always": [
        {
          "guard": "isUrgent",
          "target": "countyDecision",
          "description": "突发性或临时性追加项目按县委、县政府决策程序（第十七条）"
        },
        {
          "guard": "isUpperLevelProgramme",
          "target": "upperLevelFiling",
          "description": "上级部门组织建设的项目向县大数据局备案（第十九条）"
        },
        {
          "guard": "isConstructionAttached",
          "target": "attachedApproval",
          "description": "建设工程附属项目由县行政审批服务局立项（第十六条）"
        },
        {
          "target": "requirementsReview",
          "description": "集中评审：先需求评审（第六条）"
        }
      ]
    },
    "requirementsReview": {
      "description": "需求评审：审查必要性、合理性（第六条第一项）",
      "meta": {
        "status": "under_review",
        "task": {
          "id": "requirementsReview",
          "title": "需求评审",
          "assignee": "bigData",
          "article": "微山 第六条",
          "actions": [
            "approve",
            "reject",
            "return"
          ]
        }
      },
      "on": {
        "requirementsReview.approve": {
          "target": "technicalMaterials",
          "actions": {
            "type": "record",
            "params": {
              "as": "requirementsReview"
            }
          }
        },
        "requirementsReview.return": {
          "target": "requirementsRevision",
          "actions": {
            "type": "record",
            "params": {
              "as": "requirementsReturn"
            }
          }
        },
        "requirementsReview.reject": {
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
    "requirementsRevision": {
      "description": "按需求评审意见修改后重新提交（第六条）",
      "meta": {
        "status": "returned",
        "task": {
          "id": "requirementsRevision",
          "title": "修改需求材料",
          "assignee": "applicant",
          "article": "微山 第六条",
          "actions": [
            "submit"
          ]
        }
      },
      "on": {
        "requirementsRevision.submit": {
          "target": "requirementsReview",
          "actions": {
            "type": "record",
            "params": {
              "as": "requirementsRevision"
            }
          }
        }
      }
    },
    "countyDecision": {
      "description": "追加项目经县委、县政府决策程序（第十七条）",
      "meta": {
        "status": "awaiting_approval",
        "task": {
          "id": "countyDecision",
          "title": "县委、县政府决策",
          "assignee": "countyGovernment",
          "article": "微山 第十七条",
          "actions": [
            "approve",
            "reject"
          ]
        }
      },
      "on": {
        "countyDecision.approve": {
          "target": "technicalMaterials",
          "actions": {
            "type": "record",
            "params": {
              "as": "countyDecision"
            }
          }
        },
        "countyDecision.reject": {
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
    "technicalMaterials": {
      "description": "根据需求评审结果编制建设方案和密码应用方案，附产品安全可靠说明（第六、七条）",
      "meta": {
        "status": "awaiting_materials",
        "task": {
          "id": "technicalMaterials",
          "title": "提交技术评审材料",
          "assignee": "applicant",
          "article": "微山 第六条",
          "actions": [
            "submit"
          ]
        }
      },
      "on": {
        "technicalMaterials.submit": {
          "target": "technicalReview",
          "guard": {
            "type": "rulesHold",
            "params": {
              "rules": [
                "constructionPlan",
                "cryptoPlan",
                "securityStatement",
                "feasibilityStudy",
                "securityBudgetShare"
              ]
            }
          },
          "description": "建设方案、密码应用方案（第六条）、安全可靠说明（第七条）、500万元及以上附可研（第六条）、网络安全预算≥5%（第三十六条）",
          "actions": {
            "type": "record",
            "params": {
              "as": "technicalMaterials"
            }
          }
        }
      }
    },
    "technicalReview": {
      "description": "技术评审：审查可行性、科学性和概算控制（第六条第二项）",
      "meta": {
        "status": "under_review",
        "task": {
          "id": "technicalReview",
          "title": "技术评审",
          "assignee": "bigData",
          "article": "微山 第六条",
          "actions": [
            "approve",
            "reject",
            "return"
          ]
        }
      },
      "on": {
        "technicalReview.approve": [
          {
            "guard": "needsUpperLevelReview",
            "target": "upperLevelReview",
            "description": "200万元（含）以上报上一级大数据主管部门提级审核（第十八条）",
            "actions": {
              "type": "record",
              "params": {
                "as": "technicalReview"
              }
            }
          },
          {
            "target": "project",
            "description": "县大数据局出具审核意见，纳入项目库（第十六条）",
            "actions": {
              "type": "record",
              "params": {
                "as": "technicalReview"
              }
            }
          }
        ],
        "technicalReview.return": {
          "target": "technicalMaterials",
          "actions": {
            "type": "record",
            "params": {
              "as": "technicalReturn"
            }
          }
        },
        "technicalReview.reject": {
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
    "upperLevelReview": {
      "description": "提级审核：投资金额200万元（含）以上（第十八条）",
      "meta": {
        "status": "awaiting_approval",
        "task": {
          "id": "upperLevelReview",
          "title": "提级审核",
          "assignee": "upperBigData",
          "article": "微山 第十八条",
          "actions": [
            "approve",
            "reject",
            "return"
          ]
        }
      },
      "on": {
        "upperLevelReview.approve": {
          "target": "project",
          "actions": {
            "type": "record",
            "params": {
              "as": "upperLevelReview"
            }
          }
        },
        "upperLevelReview.return": {
          "target": "technicalMaterials",
          "actions": {
            "type": "record",
            "params": {
              "as": "upperLevelReturn"
            }
          }
        },
        "upperLevelReview.reject": {
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
    "upperLevelFiling": {
      "description": "国家有关部委及省市有关部门组织建设的项目，向县大数据局备案并纳入项目库（第十九条）",
      "meta": {
        "status": "awaiting_approval",
        "task": {
          "id": "upperLevelFiling",
          "title": "上级组织项目备案",
          "assignee": "bigData",
          "article": "微山 第十九条",
          "actions": [
            "approve",
            "return"
          ]
        }
      },
      "on": {
        "upperLevelFiling.approve": {
          "target": "project",
          "actions": {
            "type": "record",
            "params": {
              "as": "upperLevelFiling"
            }
          }
        },
        "upperLevelFiling.return": {
          "target": "upperLevelFilingRevision",
          "actions": {
            "type": "record",
            "params": {
              "as": "upperLevelFilingReturn"
            }
          }
        }
      }
    },
    "upperLevelFilingRevision": {
      "description": "补正备案材料（第十九条）",
      "meta": {
        "status": "returned",
        "task": {
          "id": "upperLevelFilingRevision",
          "title": "补正备案材料",
          "assignee": "applicant",
          "article": "微山 第十九条",
          "actions": [
            "submit"
          ]
        }
      },
      "on": {
        "upperLevelFilingRevision.submit": {
          "target": "upperLevelFiling"
        }
      }
    },
    "attachedApproval": {
      "description": "建设工程附属政务信息化项目由县行政审批服务局立项，批复抄送县大数据局（第十六条）",
      "meta": {
        "status": "awaiting_approval",
        "task": {
          "id": "attachedApproval",
          "title": "建设工程附属项目立项",
          "assignee": "adminApproval",
          "article": "微山 第十六条",
          "actions": [
            "approve",
            "reject"
          ]
        }
      },
      "on": {
        "attachedApproval.approve": [
          {
            "guard": "needsUpperLevelReview",
            "target": "upperLevelReview",
            "description": "200万元（含）以上报上一级大数据主管部门提级审核（第十八条）",
            "actions": [
              {
                "type": "record",
                "params": {
                  "as": "attachedApproval"
                }
              },
              {
                "type": "notify",
                "params": {
                  "to": "bigData",
                  "message": "建设工程项目立项批复抄送",
                  "article": "微山 第十六条"
                }
              }
            ]
          },
          {
            "target": "project",
            "actions": [
              {
                "type": "record",
                "params": {
                  "as": "attachedApproval"
                }
              },
              {
                "type": "notify",
                "params": {
                  "to": "bigData",
                  "message": "建设工程项目立项批复抄送",
                  "article": "微山 第十六条"
                }
              }
            ]
          }
        ],
        "attachedApproval.reject": {
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
    "project": {
      "type": "parallel",
      "description": "已立项，纳入项目库（第十六、十八条）；未经立项一律不准建设（第四十三条）",
      "states": {
        "lifecycle": {
          "initial": "budgeting",
          "states": {
            "budgeting": {
              "description": "县财政局结合审核意见安排预算，未纳入项目库的一律不安排（第二十一条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budget",
                  "title": "预算审核",
                  "assignee": "finance",
                  "article": "微山 第二十一条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "budget.approve": {
                  "target": "responsibilityFiling",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "budget"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "bigData",
                        "message": "预算批复情况抄送",
                        "article": "微山 第二十一条"
                      }
                    }
                  ]
                },
                "budget.reject": {
                  "target": "#weishan.unfunded",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budgetRejection"
                    }
                  }
                }
              }
            },
            "responsibilityFiling": {
              "description": "预算下达后签署《项目建设主体责任书》并向县大数据局备案（第二十三条）",
              "meta": {
                "status": "responsibility_filing",
                "task": {
                  "id": "responsibilityFiling",
                  "title": "《项目建设主体责任书》备案",
                  "assignee": "applicant",
                  "article": "微山 第二十三条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "responsibilityFiling.submit": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "responsibility"
                    }
                  }
                }
              }
            },
            "procurement": {
              "description": "按审核批准的采购内容和方式组织政府采购（第二十六、二十七条）",
              "meta": {
                "status": "procurement",
                "task": {
                  "id": "procurement",
                  "title": "政府采购并签订合同",
                  "assignee": "applicant",
                  "article": "微山 第二十七条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "procurement.submit": {
                  "target": "contractFiling",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "contract"
                    }
                  }
                }
              }
            },
            "contractFiling": {
              "description": "签订正式采购合同后10个工作日内报县大数据局备案（第二十七条）",
              "meta": {
                "status": "contract_filing",
                "task": {
                  "id": "contractFiling",
                  "title": "采购合同备案",
                  "assignee": "applicant",
                  "article": "微山 第二十七条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "contractFiling",
                  "title": "合同签订后10个工作日内报县大数据局备案",
                  "article": "微山 第二十七条",
                  "period": {
                    "unit": "workingDays",
                    "count": 10
                  },
                  "start": "records.contract.signedOn"
                }
              },
              "on": {
                "contractFiling.submit": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "contractFiling"
                    }
                  }
                },
                "deadline.contractFiling": {
                  "target": "contractFilingOverdue",
                  "description": "逾期未备案：报县大数据局，责令限期整改（第二十七、四十条）",
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "bigData",
                        "reason": "采购合同逾期未备案",
                        "article": "微山 第二十七条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "采购合同逾期未备案",
                        "article": "微山 第二十七条",
                        "by": "bigData"
                      }
                    }
                  ]
                }
              }
            },
            "contractFilingOverdue": {
              "description": "合同备案已逾期，仍应补办备案（第二十七条）",
              "meta": {
                "status": "contract_filing",
                "task": {
                  "id": "contractFiling",
                  "title": "采购合同备案（已逾期）",
                  "assignee": "applicant",
                  "article": "微山 第二十七条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "contractFiling.submit": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "contractFiling"
                    }
                  }
                }
              }
            },
            "construction": {
              "description": "按审核通过的建设方案和投资预算实施（第三十条）",
              "initial": "building",
              "states": {
                "building": {
                  "meta": {
                    "status": "in_construction",
                    "task": {
                      "id": "acceptance",
                      "title": "组织竣工验收",
                      "assignee": "applicant",
                      "article": "微山 第三十三条",
                      "actions": [
                        "pass",
                        "fail"
                      ]
                    },
                    "deadline": {
                      "id": "scheduledCompletion",
                      "title": "按建设方案的建设周期按期验收",
                      "article": "微山 第三十四条",
                      "period": {
                        "unit": "onDate"
                      },
                      "start": "application.plannedCompletionOn"
                    },
                    "offers": [
                      {
                        "id": "change",
                        "title": "重大变更申请",
                        "assignee": "applicant",
                        "article": "微山 第三十二条",
                        "actions": [
                          "submit"
                        ]
                      }
                    ]
                  },
                  "on": {
                    "deadline.scheduledCompletion": {
                      "target": "delayExplanation",
                      "description": "未按期验收，应向县大数据局出具情况说明（第三十四条）",
                      "actions": {
                        "type": "escalate",
                        "params": {
                          "to": "bigData",
                          "reason": "项目未按期验收",
                          "article": "微山 第三十四条"
                        }
                      }
                    }
                  }
                },
                "delayExplanation": {
                  "meta": {
                    "status": "in_construction",
                    "task": {
                      "id": "delayExplanation",
                      "title": "未按期验收情况说明",
                      "assignee": "applicant",
                      "article": "微山 第三十四条",
                      "actions": [
                        "submit"
                      ]
                    },
                    "offers": [
                      {
                        "id": "change",
                        "title": "重大变更申请",
                        "assignee": "applicant",
                        "article": "微山 第三十二条",
                        "actions": [
                          "submit"
                        ]
                      }
                    ]
                  },
                  "on": {
                    "delayExplanation.submit": {
                      "target": "explained",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "delayExplanation"
                        }
                      }
                    }
                  }
                },
                "explained": {
                  "meta": {
                    "status": "in_construction",
                    "task": {
                      "id": "acceptance",
                      "title": "组织竣工验收",
                      "assignee": "applicant",
                      "article": "微山 第三十三条",
                      "actions": [
                        "pass",
                        "fail"
                      ]
                    },
                    "offers": [
                      {
                        "id": "change",
                        "title": "重大变更申请",
                        "assignee": "applicant",
                        "article": "微山 第三十二条",
                        "actions": [
                          "submit"
                        ]
                      }
                    ]
                  }
                }
              },
              "on": {
                "change.submit": [
                  {
                    "guard": "isConstructionAttached",
                    "target": "changeReviewAttached",
                    "description": "较大变化事先向项目审批部门提交变更申请（第三十二条）",
                    "actions": {
                      "type": "record",
                      "params": {
                        "as": "change"
                      }
                    }
                  },
                  {
                    "target": "changeReview",
                    "actions": {
                      "type": "record",
                      "params": {
                        "as": "change"
                      }
                    }
                  }
                ],
                "acceptance.pass": {
                  "target": "acceptanceFiling",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "acceptance"
                    }
                  }
                },
                "acceptance.fail": {
                  "target": "rectifying",
                  "description": "验收未通过：制定整改方案限期整改（第三十三条），并出具情况说明（第三十四条）",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "failedAcceptance"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "bigData",
                        "message": "验收未通过情况说明",
                        "article": "微山 第三十四条"
                      }
                    }
                  ]
                }
              }
            },
            "changeReview": {
              "description": "变更申请由项目审批部门履行审核手续，变更情况向县大数据局备案（第三十二条）",
              "meta": {
                "status": "change_review",
                "task": {
                  "id": "changeReview",
                  "title": "变更审核",
                  "assignee": "bigData",
                  "article": "微山 第三十二条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "changeReview.approve": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "changeApproval"
                    }
                  }
                },
                "changeReview.reject": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "changeRejection"
                    }
                  }
                }
              }
            },
            "changeReviewAttached": {
              "description": "建设工程附属项目的变更由县行政审批服务局审核，并向县大数据局备案（第三十二条）",
              "meta": {
                "status": "change_review",
                "task": {
                  "id": "changeReview",
                  "title": "变更审核",
                  "assignee": "adminApproval",
                  "article": "微山 第三十二条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "changeReview.approve": {
                  "target": "construction",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "changeApproval"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "bigData",
                        "message": "项目变更备案",
                        "article": "微山 第三十二条"
                      }
                    }
                  ]
                },
                "changeReview.reject": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "changeRejection"
                    }
                  }
                }
              }
            },
            "rectifying": {
              "description": "按整改方案限期整改，完成后重新验收（第三十三条）",
              "meta": {
                "status": "rectification",
                "task": {
                  "id": "reAcceptance",
                  "title": "整改后重新验收",
                  "assignee": "applicant",
                  "article": "微山 第三十三条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "acceptanceRectification",
                  "title": "整改方案确定的整改期限",
                  "article": "微山 第三十三条",
                  "period": {
                    "unit": "onDate"
                  },
                  "start": "records.failedAcceptance.rectifyBy"
                }
              },
              "on": {
                "reAcceptance.pass": {
                  "target": "acceptanceFiling",
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
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "failedAcceptance"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "bigData",
                        "message": "重新验收未通过情况说明",
                        "article": "微山 第三十四条"
                      }
                    }
                  ]
                },
                "deadline.acceptanceRectification": {
                  "description": "逾期未完成整改（第四十条）",
                  "actions": {
                    "type": "orderRectification",
                    "params": {
                      "reason": "验收整改逾期未完成",
                      "article": "微山 第三十三条",
                      "by": "bigData"
                    }
                  }
                }
              }
            },
            "acceptanceFiling": {
              "description": "验收通过后15日内向县大数据局备案（第三十三条）",
              "meta": {
                "status": "acceptance_filing",
                "task": {
                  "id": "acceptanceFiling",
                  "title": "验收备案",
                  "assignee": "applicant",
                  "article": "微山 第三十三条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "acceptanceFiling",
                  "title": "验收通过后15日内向县大数据局备案",
                  "article": "微山 第三十三条",
                  "period": {
                    "unit": "days",
                    "count": 15
                  },
                  "start": "records.acceptance.acceptedOn"
                }
              },
              "on": {
                "acceptanceFiling.submit": {
                  "target": "operation",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "acceptanceFiling"
                      }
                    },
                    "startOperation"
                  ]
                },
                "deadline.acceptanceFiling": {
                  "target": "acceptanceFilingOverdue",
                  "description": "逾期未备案：出具情况说明，责令限期整改（第三十四、四十条）",
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "bigData",
                        "reason": "验收逾期未备案",
                        "article": "微山 第三十三条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "验收逾期未备案",
                        "article": "微山 第三十三条",
                        "by": "bigData"
                      }
                    }
                  ]
                }
              }
            },
            "acceptanceFilingOverdue": {
              "meta": {
                "status": "acceptance_filing",
                "task": {
                  "id": "acceptanceFiling",
                  "title": "验收备案（已逾期）",
                  "assignee": "applicant",
                  "article": "微山 第三十三条",
                  "actions": [
                    "submit"
                  ]
                }
              },
              "on": {
                "acceptanceFiling.submit": {
                  "target": "operation",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "acceptanceFiling"
                      }
                    },
                    "startOperation"
                  ]
                }
              }
            },
            "operation": {
              "type": "parallel",
              "description": "投入使用或运营（第三十五条）",
              "meta": {
                "status": "in_operation"
              },
              "states": {
                "evaluation": {
                  "initial": "running",
                  "states": {
                    "running": {
                      "description": "每年开展1次项目自评价，报送县大数据局（第三十五条）",
                      "meta": {
                        "status": "in_operation",
                        "task": {
                          "id": "selfEvaluation",
                          "title": "年度自评价",
                          "assignee": "applicant",
                          "article": "微山 第三十五条",
                          "actions": [
                            "submit"
                          ]
                        },
                        "deadline": {
                          "id": "selfEvaluation",
                          "title": "每年开展1次项目自评价",
                          "article": "微山 第三十五条",
                          "period": {
                            "unit": "years",
                            "count": 1
                          },
                          "start": "operation.periodStart"
                        }
                      },
                      "on": {
                        "selfEvaluation.submit": {
                          "target": "running",
                          "reenter": true,
                          "actions": [
                            {
                              "type": "record",
                              "params": {
                                "as": "selfEvaluation"
                              }
                            },
                            "closeEvaluationYear"
                          ]
                        },
                        "deadline.selfEvaluation": {
                          "target": "overdue",
                          "actions": [
                            {
                              "type": "escalate",
                              "params": {
                                "to": "bigData",
                                "reason": "年度自评价逾期未报送",
                                "article": "微山 第三十五条"
                              }
                            },
                            {
                              "type": "orderRectification",
                              "params": {
                                "reason": "年度自评价逾期未报送",
                                "article": "微山 第三十五条",
                                "by": "bigData"
                              }
                            }
                          ]
                        }
                      }
                    },
                    "overdue": {
                      "meta": {
                        "status": "in_operation",
                        "task": {
                          "id": "selfEvaluation",
                          "title": "年度自评价（已逾期）",
                          "assignee": "applicant",
                          "article": "微山 第三十五条",
                          "actions": [
                            "submit"
                          ]
                        }
                      },
                      "on": {
                        "selfEvaluation.submit": {
                          "target": "running",
                          "actions": [
                            {
                              "type": "record",
                              "params": {
                                "as": "selfEvaluation"
                              }
                            },
                            "closeEvaluationYear"
                          ]
                        }
                      }
                    }
                  }
                },
                "opsFunding": {
                  "initial": "idle",
                  "states": {
                    "idle": {
                      "meta": {
                        "offers": [
                          {
                            "id": "opsFunding",
                            "title": "申请运行维护经费",
                            "assignee": "applicant",
                            "article": "微山 第二十四条",
                            "actions": [
                              "submit"
                            ]
                          }
                        ]
                      },
                      "on": {
                        "opsFunding.submit": {
                          "target": "review",
                          "guard": {
                            "type": "rulesHold",
                            "params": {
                              "rules": [
                                "dataShared",
                                "unifiedInfrastructure",
                                "cryptoAndSecurity",
                                "evaluationNotPoor",
                                "noMajorSecurityRisk"
                              ]
                            }
                          },
                          "description": "有第二十四条所列情形之一的不得申请运行维护经费；自评价结果作为依据（第三十五条）",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFundingRequest"
                            }
                          }
                        }
                      }
                    },
                    "review": {
                      "description": "县财政局根据审核意见和年度预算保障运维经费（第二十五条）",
                      "meta": {
                        "task": {
                          "id": "opsFundingReview",
                          "title": "运维经费审核",
                          "assignee": "finance",
                          "article": "微山 第二十五条",
                          "actions": [
                            "approve",
                            "reject"
                          ]
                        }
                      },
                      "on": {
                        "opsFundingReview.approve": {
                          "target": "idle",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFunding"
                            }
                          }
                        },
                        "opsFundingReview.reject": {
                          "target": "idle",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "opsFundingRejection"
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
          "description": "监督管理：限期整改，逾期不整改或整改不到位的依次通报批评、暂缓安排资金拨付、暂停项目建设，直至终止项目（微山 第四十条）",
          "initial": "compliant",
          "states": {
            "compliant": {
              "meta": {
                "offers": [
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "bigData",
                    "article": "微山 第四十条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "finance",
                    "article": "微山 第四十条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "cyberspace",
                    "article": "微山 第四十条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "crypto",
                    "article": "微山 第四十条",
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
                  "article": "微山 第四十条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "rectification",
                  "title": "限期整改",
                  "article": "微山 第四十条",
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
                  "target": "criticized",
                  "description": "逾期不整改（微山 第四十条）"
                }
              }
            },
            "rectificationCheck": {
              "meta": {
                "sanction": "rectification_ordered",
                "task": {
                  "id": "rectificationCheck",
                  "title": "整改情况核查",
                  "assignee": "bigData",
                  "article": "微山 第四十条",
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
                  "target": "criticized",
                  "description": "整改不到位（微山 第四十条）"
                }
              }
            },
            "criticized": {
              "description": "通报批评（微山 第四十条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "bigData",
                    "reason": "逾期不整改或整改不到位：通报批评",
                    "article": "微山 第四十条"
                  }
                }
              ],
              "meta": {
                "sanction": "criticized",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "微山 第四十条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "sanction",
                  "title": "通报批评后整改期限",
                  "article": "微山 第四十条",
                  "period": {
                    "unit": "serviceLevel",
                    "key": "sanctionStep"
                  }
                },
                "offers": [
                  {
                    "id": "supervision",
                    "title": "终止项目",
                    "assignee": "bigData",
                    "article": "微山 第四十条",
                    "actions": [
                      "terminate"
                    ]
                  }
                ]
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
                "supervision.terminate": {
                  "target": "#weishan.terminated",
                  "description": "终止项目（微山 第四十条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "termination"
                    }
                  }
                },
                "deadline.sanction": {
                  "target": "funds_suspended",
                  "description": "仍未整改：暂缓安排资金拨付（微山 第四十条）"
                }
              }
            },
            "funds_suspended": {
              "description": "暂缓安排资金拨付（微山 第四十条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "bigData",
                    "reason": "逾期不整改或整改不到位：暂缓安排资金拨付",
                    "article": "微山 第四十条"
                  }
                },
                {
                  "type": "notify",
                  "params": {
                    "to": "finance",
                    "message": "暂缓安排资金拨付",
                    "article": "微山 第四十条"
                  }
                }
              ],
              "meta": {
                "sanction": "funds_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "微山 第四十条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "sanction",
                  "title": "暂缓安排资金拨付后整改期限",
                  "article": "微山 第四十条",
                  "period": {
                    "unit": "serviceLevel",
                    "key": "sanctionStep"
                  }
                },
                "offers": [
                  {
                    "id": "supervision",
                    "title": "终止项目",
                    "assignee": "bigData",
                    "article": "微山 第四十条",
                    "actions": [
                      "terminate"
                    ]
                  }
                ]
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
                "supervision.terminate": {
                  "target": "#weishan.terminated",
                  "description": "终止项目（微山 第四十条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "termination"
                    }
                  }
                },
                "deadline.sanction": {
                  "target": "project_suspended",
                  "description": "仍未整改：暂停项目建设（微山 第四十条）"
                }
              }
            },
            "project_suspended": {
              "description": "暂停项目建设（微山 第四十条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "countyGovernment",
                    "reason": "逾期不整改或整改不到位：暂停项目建设",
                    "article": "微山 第四十条"
                  }
                }
              ],
              "meta": {
                "sanction": "project_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "微山 第四十条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "supervision",
                    "title": "终止项目",
                    "assignee": "bigData",
                    "article": "微山 第四十条",
                    "actions": [
                      "terminate"
                    ]
                  }
                ]
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
                "supervision.terminate": {
                  "target": "#weishan.terminated",
                  "description": "终止项目（微山 第四十条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "termination"
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
      "description": "评审、审核或决策未通过",
      "meta": {
        "status": "rejected"
      }
    },
    "unfunded": {
      "type": "final",
      "description": "县财政局不予安排预算（第二十一条）",
      "meta": {
        "status": "unfunded"
      }
    },
    "terminated": {
      "type": "final",
      "description": "逾期不整改或整改不到位，终止项目（第四十条）",
      "meta": {
        "status": "terminated"
      }
    }
  }
});
