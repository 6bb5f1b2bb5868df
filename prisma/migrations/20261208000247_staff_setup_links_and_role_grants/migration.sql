-- CreateEnum
CREATE TYPE "RoleGrantStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- DropForeignKey
ALTER TABLE "PasswordSetupToken" DROP CONSTRAINT "PasswordSetupToken_userId_fkey";

-- AlterTable
ALTER TABLE "PasswordSetupToken" ADD COLUMN     "staffUserId" UUID,
ALTER COLUMN "userId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "StaffUser" ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "StaffRoleGrant" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "fromRole" "StaffRole",
    "toRole" "StaffRole" NOT NULL,
    "status" "RoleGrantStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffRoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffRoleGrant_staffUserId_idx" ON "StaffRoleGrant"("staffUserId");

-- CreateIndex
CREATE INDEX "StaffRoleGrant_status_idx" ON "StaffRoleGrant"("status");

-- CreateIndex
CREATE INDEX "PasswordSetupToken_staffUserId_idx" ON "PasswordSetupToken"("staffUserId");

-- AddForeignKey
ALTER TABLE "PasswordSetupToken" ADD CONSTRAINT "PasswordSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ContractorUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordSetupToken" ADD CONSTRAINT "PasswordSetupToken_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRoleGrant" ADD CONSTRAINT "StaffRoleGrant_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRoleGrant" ADD CONSTRAINT "StaffRoleGrant_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRoleGrant" ADD CONSTRAINT "StaffRoleGrant_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A link is for a contractor or for a staff member, never both or neither.
ALTER TABLE "PasswordSetupToken" ADD CONSTRAINT "PasswordSetupToken_one_owner"
  CHECK (("userId" IS NULL) <> ("staffUserId" IS NULL));

-- At most one grant waiting for approval per staff member.
CREATE UNIQUE INDEX "StaffRoleGrant_one_pending" ON "StaffRoleGrant"("staffUserId") WHERE "status" = 'PENDING';
