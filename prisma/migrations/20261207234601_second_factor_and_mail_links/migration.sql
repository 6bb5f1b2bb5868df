-- CreateEnum
CREATE TYPE "PasswordLinkPurpose" AS ENUM ('SETUP', 'RESET');

-- AlterEnum
ALTER TYPE "SessionEndReason" ADD VALUE 'SECOND_FACTOR_ENROLLED';

-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "bodyPurgedAt" TIMESTAMPTZ(3),
ADD COLUMN     "linkTokenId" UUID;

-- AlterTable
ALTER TABLE "PasswordSetupToken" ADD COLUMN     "purpose" "PasswordLinkPurpose" NOT NULL DEFAULT 'SETUP',
ALTER COLUMN "tokenHash" DROP NOT NULL,
ALTER COLUMN "expiresAt" DROP NOT NULL;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpPendingSecret" TEXT,
ADD COLUMN     "totpSecret" TEXT;

-- CreateTable
CREATE TABLE "StaffRecoveryCode" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffLoginChallenge" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMPTZ(3),
    "clientIp" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffLoginChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffRecoveryCode_codeHash_key" ON "StaffRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "StaffRecoveryCode_staffUserId_idx" ON "StaffRecoveryCode"("staffUserId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffLoginChallenge_tokenHash_key" ON "StaffLoginChallenge"("tokenHash");

-- CreateIndex
CREATE INDEX "StaffLoginChallenge_staffUserId_idx" ON "StaffLoginChallenge"("staffUserId");

-- CreateIndex
CREATE INDEX "StaffLoginChallenge_expiresAt_idx" ON "StaffLoginChallenge"("expiresAt");

-- AddForeignKey
ALTER TABLE "StaffRecoveryCode" ADD CONSTRAINT "StaffRecoveryCode_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffLoginChallenge" ADD CONSTRAINT "StaffLoginChallenge_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Mails already delivered carried a setup link in their body: those bodies go now (to, subject, status and times stay).
UPDATE "MailOutbox" SET "text" = '', "html" = '', "bodyPurgedAt" = now() WHERE "template" = 'ID_REGISTERED' AND "status" = 'SENT';
