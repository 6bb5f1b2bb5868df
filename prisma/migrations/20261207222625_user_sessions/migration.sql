-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('LOGOUT', 'PASSWORD_CHANGED', 'DEACTIVATED');

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "contractorUserId" UUID,
    "staffUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" "SessionEndReason",
    "clientIp" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_contractorUserId_idx" ON "UserSession"("contractorUserId");

-- CreateIndex
CREATE INDEX "UserSession_staffUserId_idx" ON "UserSession"("staffUserId");

-- CreateIndex
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_contractorUserId_fkey" FOREIGN KEY ("contractorUserId") REFERENCES "ContractorUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A session belongs to exactly one user: a contractor or a staff member.
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_one_user" CHECK (("contractorUserId" IS NULL) <> ("staffUserId" IS NULL));
