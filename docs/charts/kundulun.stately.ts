// 昆都仑区：昆都仑区本级政务信息化项目建设管理办法（试行）（昆府办发〔2024〕27号）— chart v2.
// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.
import { createMachine } from 'xstate';

export const kundulunChart = createMachine({
  "id": "kundulun",
  "description": "昆都仑区本级政务信息化项目建设管理办法（试行）（昆府办发〔2024〕27号）",
  "initial": "intake",
  "states": {
    "intake": {
      "always": [
        {
          "guard": "isFilingProject",
          "target": "filing",
          "description": "专项资金、企业无偿提供、自筹资金建设的项目实行备案制（第十二条）"
        },
        {
          "guard": "isSimplified",
          "target": "designStage",
          "description": "符合国家有关规定的项目可简化报批文件和审批程序（第十一条）"
        },
        {
          "target": "proposalStage",
          "description": "项目建议书、可行性研究报告、初步设计和投资概算（第十一条）"
        }
      ]
    },
    "filing": {
      "description": "备案制管理（第十二条）",
      "initial": "reviewing",
      "states": {
        "reviewing": {
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "filing",
              "title": "项目备案",
              "assignee": "dataBureau",
              "article": "昆都仑 第十二条",
              "actions": [
                "approve",
                "return"
              ]
            }
          },
          "on": {
            "filing.approve": {
              "target": "#kundulun.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "filing"
                }
              }
            },
            "filing.return": {
              "target": "revising",
              "actions": {
                "type": "record",
                "params": {
                  "as": "filingReturn"
                }
              }
            }
          }
        },
        "revising": {
          "meta": {
            "status": "returned",
            "task": {
              "id": "filingRevision",
              "title": "补正备案材料",
              "assignee": "applicant",
              "article": "昆都仑 第十二条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "filingRevision.submit": {
              "target": "reviewing",
              "actions": {
                "type": "record",
                "params": {
                  "as": "filingRevision"
                }
              }
            }
          }
        }
      }
    },
    "proposalStage": {
      "description": "项目建议书（专家或第三方机构评审，第十一条）",
      "initial": "reviewing",
      "states": {
        "reviewing": {
          "meta": {
            "status": "under_review",
            "task": {
              "id": "proposalReview",
              "title": "项目建议书审批",
              "assignee": "dataBureau",
              "article": "昆都仑 第十一条",
              "actions": [
                "approve",
                "return",
                "reject"
              ]
            }
          },
          "on": {
            "proposalReview.approve": {
              "target": "#kundulun.feasibilityStage",
              "actions": {
                "type": "record",
                "params": {
                  "as": "proposalReview"
                }
              }
            },
            "proposalReview.return": {
              "target": "revising",
              "actions": {
                "type": "record",
                "params": {
                  "as": "proposalReturn"
                }
              }
            },
            "proposalReview.reject": {
              "target": "#kundulun.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "revising": {
          "meta": {
            "status": "returned",
            "task": {
              "id": "proposalRevision",
              "title": "修改项目建议书",
              "assignee": "applicant",
              "article": "昆都仑 第十一条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "proposalRevision.submit": {
              "target": "reviewing",
              "actions": {
                "type": "record",
                "params": {
                  "as": "proposalRevision"
                }
              }
            }
          }
        }
      }
    },
    "feasibilityStage": {
      "description": "可行性研究报告（专家或第三方机构评审，第十一条）",
      "initial": "reviewing",
      "states": {
        "reviewing": {
          "meta": {
            "status": "under_review",
            "task": {
              "id": "feasibilityReview",
              "title": "可行性研究报告审批",
              "assignee": "dataBureau",
              "article": "昆都仑 第十一条",
              "actions": [
                "approve",
                "return",
                "reject"
              ]
            }
          },
          "on": {
            "feasibilityReview.approve": {
              "target": "#kundulun.designStage",
              "actions": {
                "type": "record",
                "params": {
                  "as": "feasibilityReview"
                }
              }
            },
            "feasibilityReview.return": {
              "target": "revising",
              "actions": {
                "type": "record",
                "params": {
                  "as": "feasibilityReturn"
                }
              }
            },
            "feasibilityReview.reject": {
              "target": "#kundulun.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "revising": {
          "meta": {
            "status": "returned",
            "task": {
              "id": "feasibilityRevision",
              "title": "修改可行性研究报告",
              "assignee": "applicant",
              "article": "昆都仑 第十一条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "feasibilityRevision.submit": {
              "target": "reviewing",
              "actions": {
                "type": "record",
                "params": {
                  "as": "feasibilityRevision"
                }
              }
            }
          }
        }
      }
    },
    "designStage": {
      "description": "初步设计和投资概算（专家或第三方机构评审，第十一条）",
      "initial": "reviewing",
      "states": {
        "reviewing": {
          "meta": {
            "status": "under_review",
            "task": {
              "id": "designReview",
              "title": "初步设计和投资概算审批",
              "assignee": "dataBureau",
              "article": "昆都仑 第十一条",
              "actions": [
                "approve",
                "return",
                "reject"
              ]
            }
          },
          "on": {
            "designReview.approve": {
              "target": "#kundulun.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "designReview"
                }
              }
            },
            "designReview.return": {
              "target": "revising",
              "actions": {
                "type": "record",
                "params": {
                  "as": "designReturn"
                }
              }
            },
            "designReview.reject": {
              "target": "#kundulun.rejected",
              "actions": {
                "type": "record",
                "params": {
                  "as": "rejection"
                }
              }
            }
          }
        },
        "revising": {
          "meta": {
            "status": "returned",
            "task": {
              "id": "designRevision",
              "title": "修改初步设计和投资概算",
              "assignee": "applicant",
              "article": "昆都仑 第十一条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "designRevision.submit": {
              "target": "reviewing",
              "actions": {
                "type": "record",
                "params": {
                  "as": "designRevision"
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
              "description": "区财政局统筹资金、预算管理（第四、五条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budget",
                  "title": "资金安排",
                  "assignee": "finance",
                  "article": "昆都仑 第四条",
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
                  "target": "#kundulun.unfunded",
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
              "description": "严格执行政府采购、工程监理、合同管理等制度（第十六条）；200万元及以上实行监理制（第十九条）",
              "meta": {
                "status": "procurement",
                "task": {
                  "id": "procurement",
                  "title": "政府采购并签订合同",
                  "assignee": "applicant",
                  "article": "昆都仑 第十六条",
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
                        "supervisorFrom2M"
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
              "description": "按批复的可行性研究报告、初步设计和投资概算实施（第二十条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "preAcceptance",
                  "title": "申请竣工验收前置审核",
                  "assignee": "applicant",
                  "article": "昆都仑 第二十二条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "adjustment",
                    "title": "建设内容调整并备案",
                    "assignee": "applicant",
                    "article": "昆都仑 第二十一条",
                    "actions": [
                      "submit"
                    ]
                  }
                ]
              },
              "on": {
                "preAcceptance.submit": {
                  "target": "preAcceptanceReview",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "preAcceptanceRequest"
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
                        "adjustmentNewContent"
                      ]
                    }
                  },
                  "description": "符合第二十一条情形的调整由项目建设单位自行调整并向区政数局备案；不符合的应履行相应手续",
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
                        "to": "dataBureau",
                        "message": "建设内容调整备案",
                        "article": "昆都仑 第二十一条"
                      }
                    }
                  ]
                }
              }
            },
            "preAcceptanceReview": {
              "description": "竣工验收前区政数局进行前置审核，未通过的应整改，不得组织竣工验收（第二十二条）",
              "meta": {
                "status": "under_review",
                "task": {
                  "id": "preAcceptanceReview",
                  "title": "竣工验收前置审核",
                  "assignee": "dataBureau",
                  "article": "昆都仑 第二十二条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "preAcceptanceReview.approve": {
                  "target": "acceptance",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "preAcceptance"
                    }
                  }
                },
                "preAcceptanceReview.reject": {
                  "target": "construction",
                  "description": "未通过前置审核的应进行整改",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "preAcceptanceRejection"
                    }
                  }
                }
              }
            },
            "acceptance": {
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "组织竣工验收",
                  "assignee": "applicant",
                  "article": "昆都仑 第二十二条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                }
              },
              "on": {
                "acceptance.pass": {
                  "target": "operation",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "acceptance"
                      }
                    },
                    "startOperation"
                  ]
                },
                "acceptance.fail": {
                  "target": "construction",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                }
              }
            },
            "operation": {
              "description": "通过验收并投入运行后一至两年内开展自评价，报送区政数局、区财政局（第二十三条）",
              "initial": "awaitingEvaluation",
              "states": {
                "awaitingEvaluation": {
                  "meta": {
                    "status": "in_operation",
                    "task": {
                      "id": "selfEvaluation",
                      "title": "运行后自评价",
                      "assignee": "applicant",
                      "article": "昆都仑 第二十三条",
                      "actions": [
                        "submit"
                      ]
                    },
                    "deadline": {
                      "id": "selfEvaluation",
                      "title": "投入运行后两年内开展自评价",
                      "article": "昆都仑 第二十三条",
                      "period": {
                        "unit": "years",
                        "count": 2
                      },
                      "start": "operation.since"
                    }
                  },
                  "on": {
                    "selfEvaluation.submit": {
                      "target": "evaluated",
                      "guard": {
                        "type": "rulesHold",
                        "params": {
                          "rules": [
                            "evaluationWindowOpen"
                          ]
                        }
                      },
                      "actions": [
                        {
                          "type": "record",
                          "params": {
                            "as": "selfEvaluation"
                          }
                        },
                        {
                          "type": "notify",
                          "params": {
                            "to": "finance",
                            "message": "自评价报告报送",
                            "article": "昆都仑 第二十三条"
                          }
                        }
                      ]
                    },
                    "deadline.selfEvaluation": {
                      "target": "overdue",
                      "actions": [
                        {
                          "type": "escalate",
                          "params": {
                            "to": "dataBureau",
                            "reason": "投入运行两年内未开展自评价",
                            "article": "昆都仑 第二十三条"
                          }
                        },
                        {
                          "type": "orderRectification",
                          "params": {
                            "reason": "未按期开展自评价",
                            "article": "昆都仑 第二十三条",
                            "by": "dataBureau"
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
                      "title": "运行后自评价（已逾期）",
                      "assignee": "applicant",
                      "article": "昆都仑 第二十三条",
                      "actions": [
                        "submit"
                      ]
                    }
                  },
                  "on": {
                    "selfEvaluation.submit": {
                      "target": "evaluated",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "selfEvaluation"
                        }
                      }
                    }
                  }
                },
                "evaluated": {
                  "meta": {
                    "status": "in_operation"
                  }
                }
              }
            }
          }
        },
        "supervision": {
          "description": "监督管理：限期整改，逾期不整改或整改不到位的依次通报、暂缓安排建设计划或资金、暂停项目建设（昆都仑 第二十五条）",
          "initial": "compliant",
          "states": {
            "compliant": {
              "meta": {
                "offers": [
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "cyberspace",
                    "article": "昆都仑 第二十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "nationalSecurity",
                    "article": "昆都仑 第二十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "secrecy",
                    "article": "昆都仑 第二十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "finance",
                    "article": "昆都仑 第二十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "dataBureau",
                    "article": "昆都仑 第二十五条",
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
                  "article": "昆都仑 第二十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "rectification",
                  "title": "限期整改",
                  "article": "昆都仑 第二十五条",
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
                  "description": "逾期不整改（昆都仑 第二十五条）"
                }
              }
            },
            "rectificationCheck": {
              "meta": {
                "sanction": "rectification_ordered",
                "task": {
                  "id": "rectificationCheck",
                  "title": "整改情况核查",
                  "assignee": "dataBureau",
                  "article": "昆都仑 第二十五条",
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
                  "description": "整改不到位（昆都仑 第二十五条）"
                }
              }
            },
            "criticized": {
              "description": "通报（昆都仑 第二十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "dataBureau",
                    "reason": "逾期不整改或整改不到位：通报",
                    "article": "昆都仑 第二十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "criticized",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "昆都仑 第二十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "sanction",
                  "title": "通报后整改期限",
                  "article": "昆都仑 第二十五条",
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
                  "target": "funds_suspended",
                  "description": "仍未整改：暂缓安排建设计划或资金（昆都仑 第二十五条）"
                }
              }
            },
            "funds_suspended": {
              "description": "暂缓安排建设计划或资金（昆都仑 第二十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "dataBureau",
                    "reason": "逾期不整改或整改不到位：暂缓安排建设计划或资金",
                    "article": "昆都仑 第二十五条"
                  }
                },
                {
                  "type": "notify",
                  "params": {
                    "to": "finance",
                    "message": "暂缓安排建设计划或资金",
                    "article": "昆都仑 第二十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "funds_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "昆都仑 第二十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "sanction",
                  "title": "暂缓安排建设计划或资金后整改期限",
                  "article": "昆都仑 第二十五条",
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
                  "description": "仍未整改：暂停项目建设（昆都仑 第二十五条）"
                }
              }
            },
            "project_suspended": {
              "description": "暂停项目建设（昆都仑 第二十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "districtGovernment",
                    "reason": "逾期不整改或整改不到位：暂停项目建设",
                    "article": "昆都仑 第二十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "project_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "昆都仑 第二十五条",
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
      "description": "审批未通过（第十一条）",
      "meta": {
        "status": "rejected"
      }
    },
    "unfunded": {
      "type": "final",
      "description": "未安排资金（第八条）",
      "meta": {
        "status": "unfunded"
      }
    }
  }
});
