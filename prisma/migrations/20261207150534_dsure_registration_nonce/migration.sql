-- CreateTable
CREATE TABLE "DsureRegistrationNonce" (
    "issuerCode" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DsureRegistrationNonce_pkey" PRIMARY KEY ("issuerCode","nonce")
);

-- CreateIndex
CREATE INDEX "DsureRegistrationNonce_receivedAt_idx" ON "DsureRegistrationNonce"("receivedAt");
