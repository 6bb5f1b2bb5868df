/** The columns planGuarantees reads, for `select` clauses (with the orderer's rule for the eligibility check). */
export const APPLICATION_FOR_PLAN_SELECT = {
  menu: true,
  withContractGuarantee: true,
  deliveryMethod: true,
  ordererId: true,
  departmentId: true,
  workName: true,
  workCategory: true,
  bidDate: true,
  contractDate: true,
  periodFrom: true,
  periodTo: true,
  contractAmount: true,
  advanceAmount: true,
  intermediateAmount: true,
  contractGuaranteeAmount: true,
  orderer: {
    select: {
      name: true,
      deliveryRule: { select: { acceptsElectronic: true, startDate: true, workCategories: true, guaranteeTypes: true } },
    },
  },
} as const;
