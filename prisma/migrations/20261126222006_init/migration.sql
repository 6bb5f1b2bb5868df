-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "GuaranteeType" AS ENUM ('ADVANCE_PAYMENT', 'INTERMEDIATE_ADVANCE', 'CONTRACT', 'CONTRACT_RESERVATION');

-- CreateEnum
CREATE TYPE "WorkCategory" AS ENUM ('CONSTRUCTION', 'CONSULTING');

-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('ELECTRONIC', 'PAPER');

-- CreateEnum
CREATE TYPE "ApplicationMenu" AS ENUM ('ADVANCE', 'ADVANCE_AFTER_CONTRACT', 'INTERMEDIATE');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'REVIEWED', 'CONCLUDED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('REVIEWER', 'APPROVER', 'ADMIN');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "KeySubmissionMethod" AS ENUM ('EMAIL', 'WEB_FORM', 'PAPER_PRINTOUT');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('INCREASE', 'DECREASE', 'PERIOD_CHANGE', 'CONTRACTOR_INFO');

-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'REVIEWED', 'APPROVED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RoundingMode" AS ENUM ('FLOOR', 'ROUND_HALF_UP', 'CEIL');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "StaffTaskKind" AS ENUM ('PRINT_AND_SHIP');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('STAFF', 'CONTRACTOR', 'SYSTEM', 'ORDERER');

-- CreateEnum
CREATE TYPE "DsureOutcome" AS ENUM ('VIEW', 'NOT_FOUND', 'BAD_FORMAT', 'THROTTLED');

-- CreateEnum
CREATE TYPE "DsureChannel" AS ENUM ('PAGE', 'API');

-- CreateEnum
CREATE TYPE "FeeStatementKind" AS ENUM ('MONTHLY', 'REFUND');

-- CreateTable
CREATE TABLE "Company" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "representative" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "licenseNumber" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "lumpSumPayment" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractorUser" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContractorUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationRequest" (
    "id" UUID NOT NULL,
    "companyName" TEXT NOT NULL,
    "representative" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "licenseNumber" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "rejectReason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "companyId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordSetupToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordSetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "staffId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Orderer" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Orderer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrdererDepartment" (
    "id" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "mailSubjectTemplate" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrdererDepartment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElectronicDeliveryRule" (
    "id" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "acceptsElectronic" BOOLEAN NOT NULL DEFAULT true,
    "startDate" DATE,
    "workCategories" "WorkCategory"[],
    "guaranteeTypes" "GuaranteeType"[],
    "keySubmissionMethod" "KeySubmissionMethod" NOT NULL DEFAULT 'EMAIL',
    "keySubmissionNote" TEXT NOT NULL,
    "mailSubjectTemplate" TEXT NOT NULL DEFAULT '【{guaranteeType}】{workName}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ElectronicDeliveryRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeApplication" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "menu" "ApplicationMenu" NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "withContractGuarantee" BOOLEAN NOT NULL DEFAULT false,
    "baseContractId" UUID,
    "deliveryMethod" "DeliveryMethod",
    "ordererId" UUID,
    "departmentId" UUID,
    "workName" TEXT,
    "workLocation" TEXT,
    "workCategory" "WorkCategory",
    "bidDate" DATE,
    "contractDate" DATE,
    "periodFrom" DATE,
    "periodTo" DATE,
    "contractAmount" BIGINT,
    "advanceAmount" BIGINT,
    "intermediateAmount" BIGINT,
    "contractGuaranteeAmount" BIGINT,
    "lowBidInvestigation" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "returnReason" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "concludedAt" TIMESTAMPTZ(3),
    "lockVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuaranteeApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" UUID,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractNumberSequence" (
    "fiscalYear" INTEGER NOT NULL,
    "lastValue" INTEGER NOT NULL,

    CONSTRAINT "ContractNumberSequence_pkey" PRIMARY KEY ("fiscalYear")
);

-- CreateTable
CREATE TABLE "GuaranteeContract" (
    "id" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "applicationId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "guaranteeType" "GuaranteeType" NOT NULL,
    "deliveryMethod" "DeliveryMethod" NOT NULL,
    "ordererId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "workName" TEXT NOT NULL,
    "contractAmount" BIGINT NOT NULL,
    "guaranteeAmount" BIGINT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "fee" BIGINT NOT NULL,
    "rateTableId" UUID,
    "status" "ContractStatus" NOT NULL DEFAULT 'ACTIVE',
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "concludedAt" TIMESTAMPTZ(3) NOT NULL,
    "approvedById" UUID NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelDate" DATE,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuaranteeContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateVersion" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "signingKeyId" TEXT NOT NULL,
    "changeSummary" TEXT,
    "changeRequestId" UUID,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "CertificateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "keyId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL DEFAULT 'Ed25519',
    "publicKeyPem" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("keyId")
);

-- CreateTable
CREATE TABLE "AuthKey" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "issuedByStaffId" UUID,
    "issuedByUserId" UUID,

    CONSTRAINT "AuthKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffTask" (
    "id" UUID NOT NULL,
    "kind" "StaffTaskKind" NOT NULL,
    "contractId" UUID NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),
    "doneById" UUID,

    CONSTRAINT "StaffTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrdererSubmission" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "sentByUserId" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "outboxId" UUID NOT NULL,
    "keyVersionId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrdererSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateTable" (
    "id" UUID NOT NULL,
    "guaranteeType" "GuaranteeType" NOT NULL,
    "name" TEXT NOT NULL,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "effectiveFrom" DATE NOT NULL,
    "roundingUnit" INTEGER NOT NULL DEFAULT 1,
    "roundingMode" "RoundingMode" NOT NULL DEFAULT 'FLOOR',
    "minimumFee" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateBand" (
    "id" UUID NOT NULL,
    "rateTableId" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "upTo" BIGINT,
    "ratePpm" INTEGER NOT NULL,
    "fixedFee" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateBand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeStatement" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "kind" "FeeStatementKind" NOT NULL,
    "month" TEXT NOT NULL,
    "total" BIGINT NOT NULL,
    "changeRequestId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeStatementItem" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "fee" BIGINT NOT NULL,

    CONSTRAINT "FeeStatementItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "status" "ChangeStatus" NOT NULL DEFAULT 'SUBMITTED',
    "newContractAmount" BIGINT,
    "newGuaranteeAmount" BIGINT,
    "newPeriodTo" DATE,
    "newCompanyName" TEXT,
    "newAddress" TEXT,
    "changeContractDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "returnReason" TEXT,
    "feeDifference" BIGINT,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attachments" JSONB,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DsureAccessLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "DsureChannel" NOT NULL,
    "outcome" "DsureOutcome" NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "contractId" UUID,
    "clientIp" TEXT NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "DsureAccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThrottleCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThrottleCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContractorUser_customerId_key" ON "ContractorUser"("customerId");

-- CreateIndex
CREATE INDEX "ContractorUser_companyId_idx" ON "ContractorUser"("companyId");

-- CreateIndex
CREATE INDEX "RegistrationRequest_status_createdAt_idx" ON "RegistrationRequest"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordSetupToken_tokenHash_key" ON "PasswordSetupToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordSetupToken_userId_idx" ON "PasswordSetupToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_staffId_key" ON "StaffUser"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Orderer_code_key" ON "Orderer"("code");

-- CreateIndex
CREATE INDEX "OrdererDepartment_ordererId_idx" ON "OrdererDepartment"("ordererId");

-- CreateIndex
CREATE UNIQUE INDEX "OrdererDepartment_ordererId_name_key" ON "OrdererDepartment"("ordererId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ElectronicDeliveryRule_ordererId_key" ON "ElectronicDeliveryRule"("ordererId");

-- CreateIndex
CREATE INDEX "GuaranteeApplication_companyId_updatedAt_idx" ON "GuaranteeApplication"("companyId", "updatedAt");

-- CreateIndex
CREATE INDEX "GuaranteeApplication_status_submittedAt_idx" ON "GuaranteeApplication"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "GuaranteeApplication_ordererId_idx" ON "GuaranteeApplication"("ordererId");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_createdAt_idx" ON "ApplicationEvent"("applicationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeContract_contractNumber_key" ON "GuaranteeContract"("contractNumber");

-- CreateIndex
CREATE INDEX "GuaranteeContract_companyId_concludedAt_idx" ON "GuaranteeContract"("companyId", "concludedAt");

-- CreateIndex
CREATE INDEX "GuaranteeContract_status_periodTo_idx" ON "GuaranteeContract"("status", "periodTo");

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeContract_fiscalYear_sequence_key" ON "GuaranteeContract"("fiscalYear", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeContract_applicationId_guaranteeType_key" ON "GuaranteeContract"("applicationId", "guaranteeType");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateVersion_changeRequestId_key" ON "CertificateVersion"("changeRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateVersion_contractId_version_key" ON "CertificateVersion"("contractId", "version");

-- CreateIndex
CREATE INDEX "AuthKey_contractId_revokedAt_idx" ON "AuthKey"("contractId", "revokedAt");

-- CreateIndex
CREATE INDEX "StaffTask_status_createdAt_idx" ON "StaffTask"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OrdererSubmission_contractId_createdAt_idx" ON "OrdererSubmission"("contractId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RateTable_guaranteeType_effectiveFrom_key" ON "RateTable"("guaranteeType", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RateBand_rateTableId_ordinal_key" ON "RateBand"("rateTableId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "FeeStatement_changeRequestId_key" ON "FeeStatement"("changeRequestId");

-- CreateIndex
CREATE INDEX "FeeStatement_companyId_month_idx" ON "FeeStatement"("companyId", "month");

-- CreateIndex
CREATE INDEX "FeeStatementItem_statementId_idx" ON "FeeStatementItem"("statementId");

-- CreateIndex
CREATE INDEX "ChangeRequest_contractId_idx" ON "ChangeRequest"("contractId");

-- CreateIndex
CREATE INDEX "ChangeRequest_status_submittedAt_idx" ON "ChangeRequest"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_companyId_createdAt_idx" ON "ChangeRequest"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "DsureAccessLog_contractId_outcome_at_idx" ON "DsureAccessLog"("contractId", "outcome", "at");

-- CreateIndex
CREATE INDEX "DsureAccessLog_at_idx" ON "DsureAccessLog"("at");

-- AddForeignKey
ALTER TABLE "ContractorUser" ADD CONSTRAINT "ContractorUser_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRequest" ADD CONSTRAINT "RegistrationRequest_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationRequest" ADD CONSTRAINT "RegistrationRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordSetupToken" ADD CONSTRAINT "PasswordSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ContractorUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererDepartment" ADD CONSTRAINT "OrdererDepartment_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Orderer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectronicDeliveryRule" ADD CONSTRAINT "ElectronicDeliveryRule_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Orderer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ContractorUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Orderer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "OrdererDepartment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_baseContractId_fkey" FOREIGN KEY ("baseContractId") REFERENCES "GuaranteeContract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeApplication" ADD CONSTRAINT "GuaranteeApplication_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GuaranteeApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeContract" ADD CONSTRAINT "GuaranteeContract_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "GuaranteeApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeContract" ADD CONSTRAINT "GuaranteeContract_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeContract" ADD CONSTRAINT "GuaranteeContract_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Orderer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeContract" ADD CONSTRAINT "GuaranteeContract_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "OrdererDepartment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeContract" ADD CONSTRAINT "GuaranteeContract_rateTableId_fkey" FOREIGN KEY ("rateTableId") REFERENCES "RateTable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateVersion" ADD CONSTRAINT "CertificateVersion_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateVersion" ADD CONSTRAINT "CertificateVersion_signingKeyId_fkey" FOREIGN KEY ("signingKeyId") REFERENCES "SigningKey"("keyId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateVersion" ADD CONSTRAINT "CertificateVersion_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthKey" ADD CONSTRAINT "AuthKey_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffTask" ADD CONSTRAINT "StaffTask_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffTask" ADD CONSTRAINT "StaffTask_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererSubmission" ADD CONSTRAINT "OrdererSubmission_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdererSubmission" ADD CONSTRAINT "OrdererSubmission_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "OrdererDepartment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateBand" ADD CONSTRAINT "RateBand_rateTableId_fkey" FOREIGN KEY ("rateTableId") REFERENCES "RateTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatement" ADD CONSTRAINT "FeeStatement_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatement" ADD CONSTRAINT "FeeStatement_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatementItem" ADD CONSTRAINT "FeeStatementItem_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "FeeStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatementItem" ADD CONSTRAINT "FeeStatementItem_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "GuaranteeContract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
