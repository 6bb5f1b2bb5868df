-- AlterTable
ALTER TABLE "GuaranteeContract" ADD COLUMN     "contractDate" DATE,
ADD COLUMN     "workLocation" TEXT,
ADD COLUMN     "workPeriodFrom" DATE,
ADD COLUMN     "workPeriodTo" DATE;
