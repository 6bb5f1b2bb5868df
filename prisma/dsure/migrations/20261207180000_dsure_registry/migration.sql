-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "dsure";

-- CreateEnum
CREATE TYPE "dsure"."DsureOutcome" AS ENUM ('VIEW', 'NOT_FOUND', 'BAD_FORMAT', 'THROTTLED');

-- CreateEnum
CREATE TYPE "dsure"."DsureChannel" AS ENUM ('PAGE', 'API');

-- CreateEnum
CREATE TYPE "dsure"."DsureEntryKind" AS ENUM ('VERSION', 'CANCEL', 'KEY');

-- CreateTable
CREATE TABLE "dsure"."DsureAccessLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "dsure"."DsureChannel" NOT NULL,
    "outcome" "dsure"."DsureOutcome" NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "issuerCode" TEXT,
    "clientIp" TEXT NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "DsureAccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dsure"."DsureAlarm" (
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

-- CreateTable
CREATE TABLE "dsure"."DsureThrottleCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureThrottleCounter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "dsure"."DsureChainEntry" (
    "id" BIGSERIAL NOT NULL,
    "issuerCode" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "dsure"."DsureEntryKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "prevHash" TEXT,
    "data" JSONB NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureChainEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dsure"."DsureRegistrationNonce" (
    "issuerCode" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureRegistrationNonce_pkey" PRIMARY KEY ("issuerCode","nonce")
);

-- CreateTable
CREATE TABLE "dsure"."DsureCertificate" (
    "contractNumber" TEXT NOT NULL,
    "issuerCode" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureCertificate_pkey" PRIMARY KEY ("contractNumber")
);

-- CreateIndex
CREATE INDEX "DsureAccessLog_contractNumber_outcome_at_idx" ON "dsure"."DsureAccessLog"("contractNumber", "outcome", "at");

-- CreateIndex
CREATE INDEX "DsureAccessLog_at_idx" ON "dsure"."DsureAccessLog"("at");

-- CreateIndex
CREATE INDEX "DsureAlarm_contractNumber_lastFailureAt_idx" ON "dsure"."DsureAlarm"("contractNumber", "lastFailureAt");

-- CreateIndex
CREATE INDEX "DsureAlarm_lastFailureAt_idx" ON "dsure"."DsureAlarm"("lastFailureAt");

-- CreateIndex
CREATE INDEX "DsureChainEntry_contractNumber_kind_seq_idx" ON "dsure"."DsureChainEntry"("contractNumber", "kind", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "DsureChainEntry_issuerCode_contractNumber_seq_key" ON "dsure"."DsureChainEntry"("issuerCode", "contractNumber", "seq");

-- CreateIndex
CREATE INDEX "DsureRegistrationNonce_receivedAt_idx" ON "dsure"."DsureRegistrationNonce"("receivedAt");

