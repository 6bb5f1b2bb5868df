-- CreateTable
CREATE TABLE "DsureAlarm" (
    "id" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "lastFailureAt" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL,
    "addresses" INTEGER NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DsureAlarm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DsureAlarm_contractNumber_lastFailureAt_idx" ON "DsureAlarm"("contractNumber", "lastFailureAt");

-- CreateIndex
CREATE INDEX "DsureAlarm_lastFailureAt_idx" ON "DsureAlarm"("lastFailureAt");
