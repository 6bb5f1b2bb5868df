-- CreateEnum
CREATE TYPE "CertificateRegistrationStatus" AS ENUM ('PENDING', 'REGISTERED', 'FAILED');

-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "awaitsRegistrationId" UUID;

-- CreateTable
CREATE TABLE "CertificateRegistration" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "entry" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "status" "CertificateRegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 20,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "registeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CertificateRegistration_status_nextAttemptAt_idx" ON "CertificateRegistration"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateRegistration_contractId_seq_key" ON "CertificateRegistration"("contractId", "seq");

-- CreateIndex
CREATE INDEX "MailOutbox_awaitsRegistrationId_idx" ON "MailOutbox"("awaitsRegistrationId");

-- AddForeignKey
ALTER TABLE "MailOutbox" ADD CONSTRAINT "MailOutbox_awaitsRegistrationId_fkey" FOREIGN KEY ("awaitsRegistrationId") REFERENCES "CertificateRegistration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRegistration" ADD CONSTRAINT "CertificateRegistration_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
