-- CreateEnum
CREATE TYPE "DsureEntryKind" AS ENUM ('VERSION', 'CANCEL', 'KEY');

-- CreateTable
CREATE TABLE "DsureChainEntry" (
    "id" BIGSERIAL NOT NULL,
    "issuerCode" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "DsureEntryKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "prevHash" TEXT,
    "data" JSONB NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureChainEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DsureChainEntry_contractNumber_kind_seq_idx" ON "DsureChainEntry"("contractNumber", "kind", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "DsureChainEntry_issuerCode_contractNumber_seq_key" ON "DsureChainEntry"("issuerCode", "contractNumber", "seq");
