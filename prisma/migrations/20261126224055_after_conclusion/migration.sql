-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "newFee" BIGINT,
ADD COLUMN     "previousAddress" TEXT,
ADD COLUMN     "previousCompanyName" TEXT,
ADD COLUMN     "previousContractAmount" BIGINT,
ADD COLUMN     "previousFee" BIGINT,
ADD COLUMN     "previousGuaranteeAmount" BIGINT,
ADD COLUMN     "previousPeriodTo" DATE,
ADD COLUMN     "requestToken" TEXT;

-- AlterTable
ALTER TABLE "FeeStatement" ADD COLUMN     "monthlyKey" TEXT;

-- AlterTable
ALTER TABLE "OrdererSubmission" ADD COLUMN     "requestToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_requestToken_key" ON "ChangeRequest"("requestToken");

-- CreateIndex
CREATE UNIQUE INDEX "FeeStatement_monthlyKey_key" ON "FeeStatement"("monthlyKey");

-- CreateIndex
CREATE UNIQUE INDEX "OrdererSubmission_requestToken_key" ON "OrdererSubmission"("requestToken");
