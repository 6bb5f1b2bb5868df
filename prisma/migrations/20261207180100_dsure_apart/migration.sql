-- D-Sure's records now live in its own schema (`npm run db:migrate` copies their rows there first:
-- scripts/lib/take-over-dsure-tables.ts). D-Sure's throttle counters are its own too.
DELETE FROM "ThrottleCounter" WHERE "key" LIKE 'dsure:%';

-- DropTable
DROP TABLE "DsureAccessLog";

-- DropTable
DROP TABLE "DsureAlarm";

-- DropTable
DROP TABLE "DsureCertificate";

-- DropTable
DROP TABLE "DsureChainEntry";

-- DropTable
DROP TABLE "DsureRegistrationNonce";

-- DropEnum
DROP TYPE "DsureChannel";

-- DropEnum
DROP TYPE "DsureEntryKind";

-- DropEnum
DROP TYPE "DsureOutcome";
