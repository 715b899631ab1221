// 莱州市：莱州市政务信息化项目管理办法（试行）（莱政办发〔2022〕6号）— chart v3.
// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.
import { createMachine } from 'xstate';

export const laizhouChart = createMachine({
  "id": "laizhou",
  "description": "莱州市政务信息化项目管理办法（试行）（莱政办发〔2022〕6号），2022-09-29至2024-09-28",
  "initial": "intake",
  "states": {
    "intake": {
      "always": [
        {
          "guard": "isGovernance",
          "target": "governance",
          "description": "政务治理类（第八条第一项）"
        },
        {
          "guard": "isPublicService",
          "target": "publicService",
          "description": "公共服务类（第八条第二项）"
        },
        {
          "target": "market",
          "description": "市场运营类（第八条第三项）"
        }
      ]
    },
    "governance": {
      "description": "政务治理类：市大数据局会同市财政局论证评审，需求单位作为建设和使用单位，分批次政府采购（第九条）",
      "initial": "review",
      "states": {
        "review": {
          "type": "parallel",
          "description": "市政府办公室（市大数据局）、市财政局共同组织论证评审：均须同意，任一部门不同意即不予通过（莱州 第九条）",
          "meta": {
            "status": "under_review"
          },
          "onDone": {
            "target": "#laizhou.project"
          },
          "states": {
            "bigData": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "bigDataReview",
                      "title": "市政府办公室（市大数据局）论证评审",
                      "assignee": "bigData",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "bigDataReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "bigDataReview"
                        }
                      }
                    },
                    "bigDataReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "bigDataReview.return": {
                      "target": "#laizhou.governance.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            },
            "finance": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "financeReview",
                      "title": "市财政局论证评审",
                      "assignee": "finance",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "financeReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "financeReview"
                        }
                      }
                    },
                    "financeReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "financeReview.return": {
                      "target": "#laizhou.governance.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
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
              "title": "按论证评审意见修改申报材料",
              "assignee": "@proposer",
              "article": "莱州 第十条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "revision.submit": {
              "target": "#laizhou.governance.review",
              "actions": {
                "type": "record",
                "params": {
                  "as": "revision"
                }
              }
            }
          }
        }
      }
    },
    "publicService": {
      "description": "公共服务类：市大数据局会同市财政局、市发展改革局论证，报市行政审批服务局审批，运营公司招投标建设运营（第九条）",
      "initial": "review",
      "states": {
        "review": {
          "type": "parallel",
          "description": "市政府办公室（市大数据局）、市财政局、市发展改革局共同组织论证评审：均须同意，任一部门不同意即不予通过（莱州 第九条）",
          "meta": {
            "status": "under_review"
          },
          "onDone": {
            "target": "#laizhou.publicService.adminApproval"
          },
          "states": {
            "bigData": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "bigDataReview",
                      "title": "市政府办公室（市大数据局）论证评审",
                      "assignee": "bigData",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "bigDataReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "bigDataReview"
                        }
                      }
                    },
                    "bigDataReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "bigDataReview.return": {
                      "target": "#laizhou.publicService.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            },
            "finance": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "financeReview",
                      "title": "市财政局论证评审",
                      "assignee": "finance",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "financeReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "financeReview"
                        }
                      }
                    },
                    "financeReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "financeReview.return": {
                      "target": "#laizhou.publicService.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            },
            "ndrc": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "ndrcReview",
                      "title": "市发展改革局论证评审",
                      "assignee": "ndrc",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "ndrcReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "ndrcReview"
                        }
                      }
                    },
                    "ndrcReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "ndrcReview.return": {
                      "target": "#laizhou.publicService.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            }
          }
        },
        "adminApproval": {
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "adminApproval",
              "title": "市行政审批服务局审批",
              "assignee": "adminApproval",
              "article": "莱州 第九条",
              "actions": [
                "approve",
                "reject"
              ]
            }
          },
          "on": {
            "adminApproval.approve": {
              "target": "#laizhou.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "adminApproval"
                }
              }
            },
            "adminApproval.reject": {
              "target": "#laizhou.rejected",
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
              "title": "按论证评审意见修改申报材料",
              "assignee": "@proposer",
              "article": "莱州 第十条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "revision.submit": {
              "target": "#laizhou.publicService.review",
              "actions": {
                "type": "record",
                "params": {
                  "as": "revision"
                }
              }
            }
          }
        }
      }
    },
    "market": {
      "description": "市场运营类：需求单位或运营公司提出建设方案，市大数据局、市财政局核准，报属地审批主管部门备案，运营公司建设使用（第九条）",
      "initial": "review",
      "states": {
        "review": {
          "type": "parallel",
          "description": "市政府办公室（市大数据局）、市财政局共同组织论证评审：均须同意，任一部门不同意即不予通过（莱州 第九条）",
          "meta": {
            "status": "under_review"
          },
          "onDone": {
            "target": "#laizhou.market.localFiling"
          },
          "states": {
            "bigData": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "bigDataReview",
                      "title": "市政府办公室（市大数据局）论证评审",
                      "assignee": "bigData",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "bigDataReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "bigDataReview"
                        }
                      }
                    },
                    "bigDataReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "bigDataReview.return": {
                      "target": "#laizhou.market.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            },
            "finance": {
              "initial": "pending",
              "states": {
                "pending": {
                  "meta": {
                    "status": "under_review",
                    "task": {
                      "id": "financeReview",
                      "title": "市财政局论证评审",
                      "assignee": "finance",
                      "article": "莱州 第九条",
                      "actions": [
                        "approve",
                        "reject",
                        "return"
                      ]
                    }
                  },
                  "on": {
                    "financeReview.approve": {
                      "target": "approved",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "financeReview"
                        }
                      }
                    },
                    "financeReview.reject": {
                      "target": "#laizhou.rejected",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "rejection"
                        }
                      }
                    },
                    "financeReview.return": {
                      "target": "#laizhou.market.revision",
                      "actions": {
                        "type": "record",
                        "params": {
                          "as": "reviewReturn"
                        }
                      }
                    }
                  }
                },
                "approved": {
                  "type": "final"
                }
              }
            }
          }
        },
        "localFiling": {
          "meta": {
            "status": "awaiting_approval",
            "task": {
              "id": "localFiling",
              "title": "属地审批主管部门备案",
              "assignee": "localApproval",
              "article": "莱州 第九条",
              "actions": [
                "approve"
              ]
            }
          },
          "on": {
            "localFiling.approve": {
              "target": "#laizhou.project",
              "actions": {
                "type": "record",
                "params": {
                  "as": "localFiling"
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
              "title": "按论证评审意见修改申报材料",
              "assignee": "@proposer",
              "article": "莱州 第十条",
              "actions": [
                "submit"
              ]
            }
          },
          "on": {
            "revision.submit": {
              "target": "#laizhou.market.review",
              "actions": {
                "type": "record",
                "params": {
                  "as": "revision"
                }
              }
            }
          }
        }
      }
    },
    "project": {
      "type": "parallel",
      "entry": {
        "type": "notify",
        "params": {
          "to": "bigData",
          "message": "项目集中备案",
          "article": "莱州 第九条"
        }
      },
      "states": {
        "lifecycle": {
          "initial": "funding",
          "states": {
            "funding": {
              "always": [
                {
                  "guard": "isMarket",
                  "target": "procurement",
                  "description": "市场运营类由运营公司利用市场化手段提供资金（第八条第三项）"
                },
                {
                  "target": "budgeting"
                }
              ]
            },
            "budgeting": {
              "description": "未经评审的项目不得列入年度部门预算（第六条）；造价评估报告作为预算编制依据（第十条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budget",
                  "title": "预算安排",
                  "assignee": "finance",
                  "article": "莱州 第六条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "budget.approve": {
                  "target": "procurement",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "costEvaluation"
                      ]
                    }
                  },
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budget"
                    }
                  }
                },
                "budget.reject": {
                  "target": "#laizhou.unfunded",
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
              "description": "政府采购或在公共资源交易中心招投标（第九、二十条）；500万元及以上实行工程监理（第二十三条）",
              "meta": {
                "status": "procurement",
                "task": {
                  "id": "procurement",
                  "title": "采购或招投标并签订合同",
                  "assignee": "@builder",
                  "article": "莱州 第二十条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "adjustment",
                    "title": "采购前申请调整建设内容",
                    "assignee": "@builder",
                    "article": "莱州 第十九条",
                    "actions": [
                      "submit"
                    ]
                  },
                  {
                    "id": "reapplication",
                    "title": "按规定重新申报并调整预算",
                    "assignee": "@builder",
                    "article": "莱州 第十九条",
                    "actions": [
                      "submit"
                    ]
                  }
                ],
                "upgradeable": true
              },
              "on": {
                "procurement.submit": {
                  "target": "construction",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "supervisionFrom5M",
                        "tenderAtTradingCentre"
                      ]
                    }
                  },
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "contract"
                      }
                    },
                    "openReportYear"
                  ]
                },
                "adjustment.submit": {
                  "target": "adjustmentReview",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "adjustmentGoalUnchanged",
                        "adjustmentWithinEstimate",
                        "adjustmentShare"
                      ]
                    }
                  },
                  "description": "采购前、不超预算、主要目标不变、调整不超过概算总投资15%且符合三种情形之一，方可申请调整（第十九条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustment"
                    }
                  }
                },
                "reapplication.submit": {
                  "target": "reapplicationReview",
                  "description": "不符合第十九条调整情形的，应当按照有关规定履行项目申报和预算调整手续（第十九条）",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "reapplication"
                    }
                  }
                }
              }
            },
            "adjustmentReview": {
              "meta": {
                "status": "change_review",
                "task": {
                  "id": "adjustmentReview",
                  "title": "调整申请审核",
                  "assignee": "bigData",
                  "article": "莱州 第十九条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "adjustmentReview.approve": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustmentApproval"
                    }
                  }
                },
                "adjustmentReview.reject": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "adjustmentRejection"
                    }
                  }
                }
              }
            },
            "reapplicationReview": {
              "description": "调整后的项目向市大数据局申报，按项目分类组织论证评审（第九、十、十九条）",
              "meta": {
                "status": "change_review",
                "task": {
                  "id": "reapplicationReview",
                  "title": "重新申报论证评审",
                  "assignee": "bigData",
                  "article": "莱州 第十九条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "reapplicationReview.approve": [
                  {
                    "guard": "isMarket",
                    "target": "procurement",
                    "description": "市场运营类由运营公司提供资金，无需调整预算（第八条第三项）",
                    "actions": {
                      "type": "record",
                      "params": {
                        "as": "reapplicationReview"
                      }
                    }
                  },
                  {
                    "target": "budgetAdjustment",
                    "actions": {
                      "type": "record",
                      "params": {
                        "as": "reapplicationReview"
                      }
                    }
                  }
                ],
                "reapplicationReview.reject": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "reapplicationRejection"
                    }
                  }
                }
              }
            },
            "budgetAdjustment": {
              "description": "市财政局按评审结果履行预算调整手续（第六、十九条）",
              "meta": {
                "status": "budgeting",
                "task": {
                  "id": "budgetAdjustment",
                  "title": "预算调整",
                  "assignee": "finance",
                  "article": "莱州 第十九条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "budgetAdjustment.approve": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budgetAdjustment"
                    }
                  }
                },
                "budgetAdjustment.reject": {
                  "target": "procurement",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "budgetAdjustmentRejection"
                    }
                  }
                }
              }
            },
            "construction": {
              "description": "建设期内每年年底前向项目审批部门提交绩效评价报告（第二十四条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "performanceReport",
                  "title": "年度绩效评价报告",
                  "assignee": "@builder",
                  "article": "莱州 第二十四条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "performanceReport",
                  "title": "每年年底前提交绩效评价报告",
                  "article": "莱州 第二十四条",
                  "period": {
                    "unit": "onDate"
                  },
                  "start": "construction.reportDue"
                },
                "offers": [
                  {
                    "id": "completion",
                    "title": "报告项目竣工",
                    "assignee": "@builder",
                    "article": "莱州 第二十三条",
                    "actions": [
                      "submit"
                    ]
                  }
                ]
              },
              "on": {
                "performanceReport.submit": {
                  "target": "construction",
                  "reenter": true,
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "performanceReport"
                      }
                    },
                    "nextReportYear"
                  ]
                },
                "deadline.performanceReport": {
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "bigData",
                        "reason": "建设期年度绩效评价报告逾期未提交",
                        "article": "莱州 第二十四条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "建设期年度绩效评价报告逾期未提交",
                        "article": "莱州 第二十四条",
                        "by": "bigData"
                      }
                    }
                  ]
                },
                "completion.submit": {
                  "target": "awaitingAcceptance",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "completion"
                    }
                  }
                }
              }
            },
            "awaitingAcceptance": {
              "description": "竣工后半年内验收，否则申请延期（第二十三条）",
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "组织验收",
                  "assignee": "@builder",
                  "article": "莱州 第二十三条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "acceptance",
                  "title": "竣工后半年内验收",
                  "article": "莱州 第二十三条",
                  "period": {
                    "unit": "months",
                    "count": 6
                  },
                  "start": "records.completion.completedOn"
                },
                "offers": [
                  {
                    "id": "extension",
                    "title": "申请延期验收",
                    "assignee": "@builder",
                    "article": "莱州 第二十三条",
                    "actions": [
                      "submit"
                    ]
                  }
                ]
              },
              "on": {
                "acceptance.pass": {
                  "target": "operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "softwareTestReport"
                      ]
                    }
                  },
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
                  "target": "rectifying",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "extension.submit": {
                  "target": "extensionReview",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "extensionRequest"
                    }
                  }
                },
                "deadline.acceptance": {
                  "actions": [
                    {
                      "type": "escalate",
                      "params": {
                        "to": "bigData",
                        "reason": "竣工后半年内未验收且未申请延期",
                        "article": "莱州 第二十三条"
                      }
                    },
                    {
                      "type": "orderRectification",
                      "params": {
                        "reason": "竣工后半年内未验收且未申请延期",
                        "article": "莱州 第二十三条",
                        "by": "bigData"
                      }
                    }
                  ]
                }
              }
            },
            "extensionReview": {
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "extensionReview",
                  "title": "延期验收审核",
                  "assignee": "bigData",
                  "article": "莱州 第二十三条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "extensionReview.approve": {
                  "target": "extended",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "extension"
                    }
                  }
                },
                "extensionReview.reject": {
                  "target": "awaitingAcceptance",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "extensionRejection"
                    }
                  }
                }
              }
            },
            "extended": {
              "meta": {
                "status": "in_construction",
                "task": {
                  "id": "acceptance",
                  "title": "组织验收（已延期）",
                  "assignee": "@builder",
                  "article": "莱州 第二十三条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "extendedAcceptance",
                  "title": "延期后的验收期限",
                  "article": "莱州 第二十三条",
                  "period": {
                    "unit": "onDate"
                  },
                  "start": "records.extensionRequest.acceptBy"
                }
              },
              "on": {
                "acceptance.pass": {
                  "target": "operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "softwareTestReport"
                      ]
                    }
                  },
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
                  "target": "rectifying",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "deadline.extendedAcceptance": {
                  "actions": {
                    "type": "orderRectification",
                    "params": {
                      "reason": "延期后仍未验收",
                      "article": "莱州 第二十三条",
                      "by": "bigData"
                    }
                  }
                }
              }
            },
            "rectifying": {
              "meta": {
                "status": "rectification",
                "task": {
                  "id": "acceptance",
                  "title": "整改后重新验收",
                  "assignee": "@builder",
                  "article": "莱州 第二十三条",
                  "actions": [
                    "pass",
                    "fail"
                  ]
                },
                "deadline": {
                  "id": "acceptanceRectification",
                  "title": "整改方案确定的整改期限",
                  "article": "莱州 第二十三条",
                  "period": {
                    "unit": "onDate"
                  },
                  "start": "records.failedAcceptance.rectifyBy"
                }
              },
              "on": {
                "acceptance.pass": {
                  "target": "operation",
                  "guard": {
                    "type": "rulesHold",
                    "params": {
                      "rules": [
                        "softwareTestReport"
                      ]
                    }
                  },
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
                  "target": "rectifying",
                  "reenter": true,
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "failedAcceptance"
                    }
                  }
                },
                "deadline.acceptanceRectification": {
                  "actions": {
                    "type": "orderRectification",
                    "params": {
                      "reason": "验收整改逾期未完成",
                      "article": "莱州 第三十五条",
                      "by": "bigData"
                    }
                  }
                }
              }
            },
            "operation": {
              "type": "parallel",
              "description": "投入使用（第二十九、三十四条）；已无使用价值的制定停用方案（第三十八条）",
              "meta": {
                "status": "in_operation",
                "offers": [
                  {
                    "id": "decommission",
                    "title": "停用方案及数据资产处置",
                    "assignee": "@builder",
                    "article": "莱州 第三十八条",
                    "actions": [
                      "submit"
                    ]
                  }
                ]
              },
              "on": {
                "decommission.submit": {
                  "target": "decommissioning",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "decommissionPlan"
                    }
                  }
                }
              },
              "states": {
                "evaluation": {
                  "initial": "due",
                  "states": {
                    "due": {
                      "meta": {
                        "status": "in_operation",
                        "task": {
                          "id": "selfEvaluation",
                          "title": "投入使用后自评",
                          "assignee": "@builder",
                          "article": "莱州 第三十四条",
                          "actions": [
                            "submit"
                          ]
                        },
                        "deadline": {
                          "id": "selfEvaluation",
                          "title": "竣工并投入使用后12个月内开展自评",
                          "article": "莱州 第三十四条",
                          "period": {
                            "unit": "months",
                            "count": 12
                          },
                          "start": "operation.since"
                        }
                      },
                      "on": {
                        "selfEvaluation.submit": {
                          "target": "done",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "selfEvaluation"
                            }
                          }
                        },
                        "deadline.selfEvaluation": {
                          "actions": [
                            {
                              "type": "escalate",
                              "params": {
                                "to": "bigData",
                                "reason": "投入使用后12个月内未开展自评",
                                "article": "莱州 第三十四条"
                              }
                            },
                            {
                              "type": "orderRectification",
                              "params": {
                                "reason": "投入使用后12个月内未开展自评",
                                "article": "莱州 第三十四条",
                                "by": "bigData"
                              }
                            }
                          ]
                        }
                      }
                    },
                    "done": {}
                  }
                },
                "standard": {
                  "initial": "check",
                  "states": {
                    "check": {
                      "always": [
                        {
                          "guard": "needsStandard",
                          "target": "due",
                          "description": "总投资500万元以上的项目同步编制市级及以上工程标准或团体标准（第十五条）"
                        },
                        {
                          "target": "notRequired"
                        }
                      ]
                    },
                    "due": {
                      "meta": {
                        "task": {
                          "id": "standard",
                          "title": "发布工程标准或团体标准",
                          "assignee": "@builder",
                          "article": "莱州 第十五条",
                          "actions": [
                            "submit"
                          ]
                        },
                        "deadline": {
                          "id": "standard",
                          "title": "验收后1年内完成标准发布",
                          "article": "莱州 第十五条",
                          "period": {
                            "unit": "years",
                            "count": 1
                          },
                          "start": "operation.since"
                        }
                      },
                      "on": {
                        "standard.submit": {
                          "target": "published",
                          "actions": {
                            "type": "record",
                            "params": {
                              "as": "standard"
                            }
                          }
                        },
                        "deadline.standard": {
                          "actions": {
                            "type": "escalate",
                            "params": {
                              "to": "bigData",
                              "reason": "验收后1年内未发布标准",
                              "article": "莱州 第十五条"
                            }
                          }
                        }
                      }
                    },
                    "published": {},
                    "notRequired": {}
                  }
                },
                "funding": {
                  "initial": "byClass",
                  "states": {
                    "byClass": {
                      "always": [
                        {
                          "guard": "isGovernance",
                          "target": "opsFee",
                          "description": "政务治理类：免费运维期满后申请运维费（第二十九条）"
                        },
                        {
                          "guard": "isPublicService",
                          "target": "subsidy",
                          "description": "公共服务类：年度运营补助经费（第二十九条）"
                        },
                        {
                          "target": "selfFunded",
                          "description": "市场运营类：运营公司市场化运营"
                        }
                      ]
                    },
                    "opsFee": {
                      "initial": "idle",
                      "states": {
                        "idle": {
                          "meta": {
                            "offers": [
                              {
                                "id": "opsFee",
                                "title": "申请运维费用",
                                "assignee": "@builder",
                                "article": "莱州 第二十九条",
                                "actions": [
                                  "submit"
                                ]
                              }
                            ]
                          },
                          "on": {
                            "opsFee.submit": {
                              "target": "bigDataReview",
                              "guard": {
                                "type": "rulesHold",
                                "params": {
                                  "rules": [
                                    "freeMaintenanceOver",
                                    "opsFeeCap",
                                    "opsDataShared",
                                    "opsInCatalogue",
                                    "opsSecure",
                                    "opsPerformance"
                                  ]
                                }
                              },
                              "description": "有第二十六条所列情形的不安排运行维护经费；免费运维期不少于3年，每年不超过建设总投入的10%（第二十九条）",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "opsFeeRequest"
                                }
                              }
                            }
                          }
                        },
                        "bigDataReview": {
                          "meta": {
                            "task": {
                              "id": "opsFeeReview",
                              "title": "运维费用审核",
                              "assignee": "bigData",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "opsFeeReview.approve": {
                              "target": "leadingGroup",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "opsFeeReview"
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
                        "leadingGroup": {
                          "meta": {
                            "task": {
                              "id": "opsFeeApproval",
                              "title": "运维费用审批",
                              "assignee": "leadingGroup",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "opsFeeApproval.approve": {
                              "target": "finance",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "opsFeeApproval"
                                }
                              }
                            },
                            "opsFeeApproval.reject": {
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
                        "finance": {
                          "meta": {
                            "task": {
                              "id": "opsFeeBudget",
                              "title": "运维费用列入预算",
                              "assignee": "finance",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "opsFeeBudget.approve": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "opsFeeBudget"
                                }
                              }
                            },
                            "opsFeeBudget.reject": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "opsFeeRejection"
                                }
                              }
                            }
                          }
                        }
                      }
                    },
                    "subsidy": {
                      "initial": "idle",
                      "states": {
                        "idle": {
                          "meta": {
                            "offers": [
                              {
                                "id": "subsidy",
                                "title": "申请年度运营补助经费",
                                "assignee": "@builder",
                                "article": "莱州 第二十九条",
                                "actions": [
                                  "submit"
                                ]
                              }
                            ]
                          },
                          "on": {
                            "subsidy.submit": {
                              "target": "bigDataReview",
                              "guard": {
                                "type": "rulesHold",
                                "params": {
                                  "rules": [
                                    "opsDataShared",
                                    "opsInCatalogue",
                                    "opsSecure",
                                    "opsPerformance"
                                  ]
                                }
                              },
                              "description": "有第二十六条所列情形的不安排运行维护经费",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyRequest"
                                }
                              }
                            }
                          }
                        },
                        "bigDataReview": {
                          "meta": {
                            "task": {
                              "id": "subsidyReview",
                              "title": "年度运营补助经费审核",
                              "assignee": "bigData",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "subsidyReview.approve": {
                              "target": "leadingGroup",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyReview"
                                }
                              }
                            },
                            "subsidyReview.reject": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyRejection"
                                }
                              }
                            }
                          }
                        },
                        "leadingGroup": {
                          "meta": {
                            "task": {
                              "id": "subsidyApproval",
                              "title": "年度运营补助经费审批",
                              "assignee": "leadingGroup",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "subsidyApproval.approve": {
                              "target": "finance",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyApproval"
                                }
                              }
                            },
                            "subsidyApproval.reject": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyRejection"
                                }
                              }
                            }
                          }
                        },
                        "finance": {
                          "meta": {
                            "task": {
                              "id": "subsidyBudget",
                              "title": "年度运营补助经费列入预算",
                              "assignee": "finance",
                              "article": "莱州 第二十九条",
                              "actions": [
                                "approve",
                                "reject"
                              ]
                            }
                          },
                          "on": {
                            "subsidyBudget.approve": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyBudget"
                                }
                              }
                            },
                            "subsidyBudget.reject": {
                              "target": "idle",
                              "actions": {
                                "type": "record",
                                "params": {
                                  "as": "subsidyRejection"
                                }
                              }
                            }
                          }
                        }
                      }
                    },
                    "selfFunded": {}
                  }
                }
              }
            },
            "decommissioning": {
              "description": "停用前做好数据和资产评估，备份、迁移或销毁，并向市大数据局、市财政局备案（第三十八条）",
              "meta": {
                "status": "in_operation",
                "task": {
                  "id": "decommissionFiling",
                  "title": "停用备案",
                  "assignee": "bigData",
                  "article": "莱州 第三十八条",
                  "actions": [
                    "approve",
                    "reject"
                  ]
                }
              },
              "on": {
                "decommissionFiling.approve": {
                  "target": "#laizhou.decommissioned",
                  "actions": [
                    {
                      "type": "record",
                      "params": {
                        "as": "decommissioned"
                      }
                    },
                    {
                      "type": "notify",
                      "params": {
                        "to": "finance",
                        "message": "停用备案及资产报废处置",
                        "article": "莱州 第三十八条"
                      }
                    }
                  ]
                },
                "decommissionFiling.reject": {
                  "target": "operation",
                  "actions": {
                    "type": "record",
                    "params": {
                      "as": "decommissionRejection"
                    }
                  }
                }
              }
            }
          }
        },
        "supervision": {
          "description": "监督管理：限期整改，逾期不整改或整改不到位的依次暂缓支付剩余资金，直至终止项目（莱州 第三十五条）",
          "initial": "compliant",
          "states": {
            "compliant": {
              "meta": {
                "offers": [
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "bigData",
                    "article": "莱州 第三十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "finance",
                    "article": "莱州 第三十五条",
                    "actions": [
                      "order"
                    ]
                  },
                  {
                    "id": "supervision",
                    "title": "监督检查：责令限期整改",
                    "assignee": "audit",
                    "article": "莱州 第三十五条",
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
                  "article": "莱州 第三十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "deadline": {
                  "id": "rectification",
                  "title": "限期整改",
                  "article": "莱州 第三十五条",
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
                  "description": "逾期不整改（莱州 第三十五条）"
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
                  "article": "莱州 第三十五条",
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
                  "description": "整改不到位（莱州 第三十五条）"
                }
              }
            },
            "funds_suspended": {
              "description": "暂缓支付剩余资金（莱州 第三十五条）",
              "entry": [
                {
                  "type": "escalate",
                  "params": {
                    "to": "bigData",
                    "reason": "逾期不整改或整改不到位：暂缓支付剩余资金",
                    "article": "莱州 第三十五条"
                  }
                },
                {
                  "type": "notify",
                  "params": {
                    "to": "finance",
                    "message": "暂缓支付剩余资金",
                    "article": "莱州 第三十五条"
                  }
                }
              ],
              "meta": {
                "sanction": "funds_suspended",
                "task": {
                  "id": "rectification",
                  "title": "提交整改报告",
                  "assignee": "applicant",
                  "article": "莱州 第三十五条",
                  "actions": [
                    "submit"
                  ]
                },
                "offers": [
                  {
                    "id": "supervision",
                    "title": "终止项目",
                    "assignee": "bigData",
                    "article": "莱州 第三十五条",
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
                  "target": "#laizhou.terminated",
                  "description": "终止项目（莱州 第三十五条）",
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
      "description": "论证评审、审批或核准未通过（第九条）",
      "meta": {
        "status": "rejected"
      }
    },
    "unfunded": {
      "type": "final",
      "description": "未列入年度部门预算（第六条）",
      "meta": {
        "status": "unfunded"
      }
    },
    "terminated": {
      "type": "final",
      "description": "整改后仍达不到要求，取消项目建设并收回经费（第三十五条）",
      "meta": {
        "status": "terminated"
      }
    },
    "decommissioned": {
      "type": "final",
      "description": "停用并备案（第三十八条）",
      "meta": {
        "status": "decommissioned"
      }
    }
  }
});
