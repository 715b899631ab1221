// 静乐县：静乐县政务信息化项目建设应用管理办法（静乐县政务信息化项目建设应用管理办法）— chart v3.
// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.
import { createMachine } from 'xstate';

export const jingleChart = createMachine({
  "id": "jingle",
  "description": "静乐县政务信息化项目建设应用管理办法",
  "initial": "intake",
  "states": {
    "intake": {
      "always": [
        {
          "guard": "needsPreReview",
          "target": "preReview",
          "description": "新设立部门或未纳入规划的项目先行前置审查（第十一条）"
        },
        {
          "target": "review",
          "description": "纳入年度计划的项目报县政务信息管理局审核（第七、八、十一条）"
        }
      ]
    },
    "preReview": {
      "description": "前置审查：按政务信息系统整合共享和政务服务平台对接要求（第十一条）",
      "meta": {
        "status": "under_review",
        "task": {
          "id": "preReview",
          "title": "前置审查",
          "assignee": "infoBureau",
          "article": "静乐 第十一条",
          "actions": [
            "approve",
            "reject"
          ]
        }
      },
      "on": {
        "preReview.approve": {
          "target": "countyApproval",
          "actions": {
            "type": "record",
            "params": {
              "as": "preReview"
            }
          }
        },
        "preReview.reject": {
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
    "review": {
      "description": "审核需求合理性、建设集约性、方案可行性、预算合理性、绩效目标合理性，提出审核意见（第十一条）",
      "meta": {
        "status": "under_review",
        "task": {
          "id": "review",
          "title": "项目审核",
          "assignee": "infoBureau",
          "article": "静乐 第十一条",
          "actions": [
            "approve",
            "reject",
            "return"
          ]
        }
      },
      "on": {
        "review.approve": {
          "target": "countyApproval",
          "actions": {
            "type": "record",
            "params": {
              "as": "review"
            }
          }
        },
        "review.return": {
          "target": "revision",
          "actions": {
            "type": "record",
            "params": {
              "as": "reviewReturn"
            }
          }
        },
        "review.reject": {
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
          "title": "按审核意见修改申请材料",
          "assignee": "applicant",
          "article": "静乐 第八条",
          "actions": [
            "submit"
          ]
        }
      },
      "on": {
        "revision.submit": {
          "target": "review",
          "actions": {
            "type": "record",
            "params": {
              "as": "revision"
            }
          }
        }
      }
    },
    "countyApproval": {
      "description": "审核意见报县政府同意后批复（第十一条）",
      "meta": {
        "status": "awaiting_approval",
        "task": {
          "id": "countyApproval",
          "title": "县政府批复",
          "assignee": "countyGovernment",
          "article": "静乐 第十一条",
          "actions": [
            "approve",
            "reject"
          ]
        }
      },
      "on": {
        "countyApproval.approve": {
          "target": "project",
          "actions": {
            "type": "record",
            "params": {
              "as": "countyApproval"
            }
          }
        },
        "countyApproval.reject": {
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
      "states": {
        "lifecycle": {
          "initial": "budgeting",
          "states": {
            "budgeting": {
              "description": "县财政局对审核通过的项目进行预算审定（第十三条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budget",
                  "title": "预算审定",
                  "assignee": "finance",
                  "article": "静乐 第十三条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "budget.approve": {
                  "target": "publicity",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budget"
                    }
                  }
                },
                "budget.reject": {
                  "target": "#jingle.unfunded",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budgetRejection"
                    }
                  }
                }
              }
            },
            "publicity": {
              "description": "项目预算确定后，县政务信息管理局会同县财政局对资金拟分配计划进行公示（第十四条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "publicity",
                  "title": "资金拟分配计划公示",
                  "assignee": "infoBureau",
                  "article": "静乐 第十四条",
                  "actions": [
                    "approve"
                  ]
                }
              },
              "on": {
                "publicity.approve": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "publicity"
                    }
                  }
                }
              }
            },
            "procurement": {
              "description": "通过市场化竞争方式确定项目建设单位并签订合同（第十六条）",
              "meta": {
                "status": "procurement",
                "task": {
                  "id": "procurement",
                  "title": "确定项目建设单位并签订合同",
                  "assignee": "applicant",
                  "article": "静乐 第十六条",
                  "actions": [
                    "submit"
                  ]
                },
                "upgradeable": true
              },
              "on": {
                "procurement.submit": {
                  "target": "contractFiling",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "openCompetition"
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
            "contractFiling": {
              "description": "签订正式合同5个工作日内将合同文本报县政务信息管理局备案（第十八条）",
              "meta": {
                "status": "contract_filing",
                "task": {
                  "id": "contractFiling",
                  "title": "合同备案",
                  "assignee": "applicant",
                  "article": "静乐 第十八条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "contractFiling",
                  "title": "签订正式合同5个工作日内备案",
                  "article": "静乐 第十八条",
                  "period": {
                    "unit": "workingDays",
                    "count": 5
                  },
                  "start": "records.contract.signedOn"
                }
              },
              "on": {
                "contractFiling.submit": {
                  "target": "supervisorFiling",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "contractFiling"
                    }
                  }
                },
                "deadline.contractFiling": {
                  "target": "contractFilingOverdue",
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "infoBureau",
                        "reason": "合同逾期未备案",
                        "article": "静乐 第十八条"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "合同逾期未备案：暂不拨付后续建设资金和运行维护经费",
                        "article": "静乐 第二十五条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "合同逾期未备案",
                        "article": "静乐 第十八条",
                        "by": "infoBureau"
                      }
                    }
                  ]
                }
              }
            },
            "contractFilingOverdue": {
              "meta": {
                "status": "contract_filing",
                "task": {
                  "id": "contractFiling",
                  "title": "合同备案（已逾期）",
                  "assignee": "applicant",
                  "article": "静乐 第十八条",
                  "actions": [
                    "submit"
                  ]
                },
                "sanction": "funds_withheld"
              },
              "on": {
                "contractFiling.submit": {
                  "target": "supervisorFiling",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "contractFiling"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "建设合同已补办备案",
                        "article": "静乐 第二十五条"
                      }
                    }
                  ]
                }
              }
            },
            "supervisorFiling": {
              "description": "通过市场化机制确定项目监理单位，并向县政务信息管理局备案（第二十一条）；未备案的不得拨付后续建设资金和运行维护经费（第二十五条）",
              "entry": {
                "type": "notify",
                "params": {
                  "to": "finance",
                  "message": "项目监理单位尚未备案：暂不拨付后续建设资金和运行维护经费",
                  "article": "静乐 第二十五条"
                }
              },
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "supervisorFiling",
                  "title": "监理单位备案",
                  "assignee": "applicant",
                  "article": "静乐 第二十一条",
                  "actions": [
                    "submit"
                  ]
                },
                "sanction": "funds_withheld"
              },
              "on": {
                "supervisorFiling.submit": {
                  "target": "construction",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "supervisor"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "项目监理单位已备案",
                        "article": "静乐 第二十五条"
                      }
                    }
                  ]
                }
              }
            },
            "construction": {
              "description": "建设实施，在管理平台填报进展（第十九、二十条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "竣工验收",
                  "assignee": "applicant",
                  "article": "静乐 第二十二条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "offers": [
                  {
                    "id": "adjustment",
                    "title": "调整申请",
                    "assignee": "applicant",
                    "article": "静乐 第二十条",
                    "actions": [
                      "submit"
                    ]
                  }
                ],
                "upgradeable": true
              },
              "on": {
                "adjustment.submit": {
                  "target": "adjustmentReview",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustment"
                    }
                  }
                },
                "acceptance.pass": {
                  "target": "acceptanceFiling",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "catalogueInSharingPlatform",
                        "secureControllableProducts"
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
                  "target": "rectifying",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                }
              }
            },
            "adjustmentReview": {
              "description": "建设条件、建设内容发生重大变化的调整申请，县政务信息管理局综合评估后提出意见（第二十条）",
              "meta": {
                "status": "change_review",
                "task": {
                  "id": "adjustmentReview",
                  "title": "调整申请评估",
                  "assignee": "infoBureau",
                  "article": "静乐 第二十条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "adjustmentReview.approve": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustmentApproval"
                    }
                  }
                },
                "adjustmentReview.reject": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustmentRejection"
                    }
                  }
                }
              }
            },
            "rectifying": {
              "description": "验收未通过，整改后重新验收（第二十二条）",
              "meta": {
                "status": "rectification",
                "task": {
                  "id": "reAcceptance",
                  "title": "整改后重新验收",
                  "assignee": "applicant",
                  "article": "静乐 第二十二条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                }
              },
              "on": {
                "reAcceptance.pass": {
                  "target": "acceptanceFiling",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "catalogueInSharingPlatform",
                        "secureControllableProducts"
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
                }
              }
            },
            "acceptanceFiling": {
              "description": "竣工验收后30个工作日内将竣工验收报告报县政务信息管理局备案（第二十五条）",
              "meta": {
                "status": "acceptance_filing",
                "task": {
                  "id": "acceptanceFiling",
                  "title": "验收报告备案",
                  "assignee": "applicant",
                  "article": "静乐 第二十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "acceptanceFiling",
                  "title": "竣工验收后30个工作日内备案",
                  "article": "静乐 第二十五条",
                  "period": {
                    "unit": "workingDays",
                    "count": 30
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
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "infoBureau",
                        "reason": "验收报告逾期未备案",
                        "article": "静乐 第二十五条"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "验收报告逾期未备案：暂不拨付后续建设资金和运行维护经费",
                        "article": "静乐 第二十五条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "验收报告逾期未备案",
                        "article": "静乐 第二十五条",
                        "by": "infoBureau"
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
                  "title": "验收报告备案（已逾期）",
                  "assignee": "applicant",
                  "article": "静乐 第二十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "sanction": "funds_withheld"
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
                    "startOperation",
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "竣工验收报告已补办备案",
                        "article": "静乐 第二十五条"
                      }
                    }
                  ]
                }
              }
            },
            "operation": {
              "description": "年度预算结束后开展项目自评价，5个工作日内报送备案（第二十六条）",
              "initial": "running",
              "states": {
                "running": {
                  "meta": {
                    "status": "in_operation",
                    "task": {
                      "id": "selfEvaluation",
                      "title": "年度自评价报告备案",
                      "assignee": "applicant",
                      "article": "静乐 第二十六条",
                      "actions": [
                        "submit"
                      ]
                    },
                    "deadline": {
                      "id": "selfEvaluation",
                      "title": "年度预算结束后5个工作日内报送自评价报告",
                      "article": "静乐 第二十六条",
                      "period": {
                        "unit": "workingDays",
                        "count": 5
                      },
                      "start": "operation.budgetYearEnd"
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
                        "nextBudgetYear"
                      ]
                    },
                    "deadline.selfEvaluation": {
                      "target": "overdue",
                      "actions": [
                        {
                          "type": "escalate",
                          "params": {
                            "to": "infoBureau",
                            "reason": "自评价报告逾期未报送",
                            "article": "静乐 第二十六条"
                          }
                        },
                        {
                          "type": "orderRectification",
                          "params": {
                            "reason": "自评价报告逾期未报送",
                            "article": "静乐 第二十六条",
                            "by": "infoBureau"
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
                      "title": "年度自评价报告备案（已逾期）",
                      "assignee": "applicant",
                      "article": "静乐 第二十六条",
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
                        "nextBudgetYear"
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "supervision": {
          "description": "监督管理：限期整改，逾期不整改或整改不到位的依次通知财政部门暂停拨付项目建设和运维资金，直至终止项目（静乐 第二十八条）",
          "initial": "compliant",
          "states": {
            "compliant": {
              "meta": {
                "offers": [
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "infoBureau",
                    "article": "静乐 第二十八条",
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
                  "article": "静乐 第二十八条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "rectification",
                  "title": "限期整改",
                  "article": "静乐 第二十八条",
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
                  "description": "逾期不整改（静乐 第二十八条）"
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
                  "article": "静乐 第二十八条",
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
                  "description": "整改不到位（静乐 第二十八条）"
                }
              }
            },
            "funds_suspended": {
              "description": "通知财政部门暂停拨付项目建设和运维资金（静乐 第二十八条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "infoBureau",
                    "reason": "逾期不整改或整改不到位：通知财政部门暂停拨付项目建设和运维资金",
                    "article": "静乐 第二十八条"
                  }
                },
                {
                  "type": "notify",
                  "params": {
                    "to": "finance",
                    "message": "暂停拨付项目建设和运维资金",
                    "article": "静乐 第二十八条"
                  }
                }
              ],
              "meta": {
                "sanction": "funds_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "静乐 第二十八条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "supervision",
                    "title": "终止项目",
                    "assignee": "infoBureau",
                    "article": "静乐 第二十八条",
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
                  "target": "#jingle.terminated",
                  "description": "终止项目（静乐 第二十八条）",
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
      "description": "审核、前置审查或县政府批复未通过（第十一条）",
      "meta": {
        "status": "rejected"
      }
    },
    "unfunded": {
      "type": "final",
      "description": "县财政局未予预算审定（第十三条）",
      "meta": {
        "status": "unfunded"
      }
    },
    "terminated": {
      "type": "final",
      "description": "拒不整改或整改后仍不符合要求，终止项目（第二十八条）",
      "meta": {
        "status": "terminated"
      }
    }
  }
});
