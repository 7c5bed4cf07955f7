export {
  eligibleOnRun,
  hasMaintenanceOn,
  heldWithMaintenance,
  isEligibleOn,
  remainingEligible,
  type HeldLicense,
  type MaintenanceTerm,
} from './eligibility.js';
export { allocateUpgrade, availableUnits, unitsLeft, type Allocation, type UpgradePart, type UpgradeSource } from './allocation.js';
export { reviewUpgradeItems, type ItemFault, type RequestedItem } from './request.js';
