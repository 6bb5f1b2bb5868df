-- CreateTable
CREATE TABLE "DsureCertificate" (
    "contractNumber" TEXT NOT NULL,
    "issuerCode" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureCertificate_pkey" PRIMARY KEY ("contractNumber")
);

-- Chains registered before this table existed: each number is registered to the issuer of its first entry.
INSERT INTO "DsureCertificate" ("contractNumber", "issuerCode", "registeredAt")
SELECT DISTINCT ON ("contractNumber") "contractNumber", "issuerCode", "registeredAt"
FROM "DsureChainEntry" WHERE "seq" = 1
ORDER BY "contractNumber", "registeredAt"
ON CONFLICT DO NOTHING;
