-- AlterTable
ALTER TABLE "FeeStatementItem" ADD COLUMN     "changeRequestId" UUID,
ADD COLUMN     "occurredAt" TIMESTAMPTZ(3),
ADD COLUMN     "ordinal" INTEGER NOT NULL DEFAULT 0;
