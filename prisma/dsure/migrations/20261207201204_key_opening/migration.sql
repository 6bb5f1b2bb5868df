-- AlterTable
ALTER TABLE "dsure"."DsureChainEntry" ADD COLUMN     "keyOpening" JSONB;
