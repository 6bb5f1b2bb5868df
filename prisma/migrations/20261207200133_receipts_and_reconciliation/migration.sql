-- CreateEnum
CREATE TYPE "ReconciliationTrigger" AS ENUM ('SCHEDULE', 'SCREEN', 'CLI');

-- CreateEnum
CREATE TYPE "ReconciliationFindingKind" AS ENUM ('MISSING', 'SHORTER', 'DIFFERENT', 'UNKNOWN_ENTRY', 'TAMPERED');

-- AlterTable
ALTER TABLE "CertificateRegistration" ADD COLUMN     "receipt" JSONB;

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" UUID NOT NULL,
    "trigger" "ReconciliationTrigger" NOT NULL,
    "actorId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "certificates" INTEGER NOT NULL DEFAULT 0,
    "discrepancies" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationFinding" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "kind" "ReconciliationFindingKind" NOT NULL,
    "seq" INTEGER,
    "expected" JSONB NOT NULL,
    "actual" JSONB NOT NULL,

    CONSTRAINT "ReconciliationFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_startedAt_idx" ON "ReconciliationRun"("startedAt");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_runId_idx" ON "ReconciliationFinding"("runId");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_contractId_idx" ON "ReconciliationFinding"("contractId");

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
