// Test data shaped by the generated bindings, shared by the UI tests.
import type { AppInfo, AuthStatus, CharacterSkills, Colony, IndustryJob, RosterEntry, Settings, SyncInfo } from "./bindings";

export const T0 = 1_795_014_400_000;
export const H = 3_600_000;

/** Read two minutes ago, good for another minute. */
export const fresh: SyncInfo = {
  lastRefreshedAt: T0 - 120_000,
  expiresAt: T0 + 60_000,
  gateState: "ok",
  error: null,
  refreshing: false,
};

/** The core's default settings. */
export const DEFAULT_SETTINGS: Settings = {
  closeToTray: true,
  clientId: null,
  callbackPort: 8471,
  jobNotifications: true,
  jobRefreshMinutes: 15,
  corporationJobNotifications: true,
  skillQueueNotifications: true,
  skillQueueWarningHours: 24,
  trayLive: false,
  trayLiveMinutes: 5,
  features: [],
  extractorNotifications: true,
  extractorWarningHours: 2,
  slotIdleNotifications: false,
  slotIdleHours: 2,
  cloneJumpNotifications: false,
  orderNotifications: true,
  orderWarningHours: 24,
  contractNotifications: true,
  contractWarningHours: 24,
};

export function authStatus(vault: AuthStatus["vault"] = "keychain", extra: Partial<AuthStatus> = {}): AuthStatus {
  return {
    vault,
    clientIdConfigured: true,
    clientIdFromEnv: false,
    builtInClientId: true,
    callbackUrl: "http://localhost:8471/callback",
    scopes: ["esi-location.read_online.v1"],
    loginPending: false,
    ...extra,
  };
}

/** This build as Settings → About shows it (the player's own data, not the demo). */
export function appInfo(extra: Partial<AppInfo> = {}): AppInfo {
  return { version: "0.1.0", dataDir: "/data", logDir: "/logs", demo: false, serverOffsetMs: 0, ...extra };
}

export function rosterEntry(characterId: number, name: string, extra: Partial<RosterEntry> = {}): RosterEntry {
  return {
    accountId: null,
    characterId,
    name,
    corporationId: 98700001,
    corporationName: "Brave Industries",
    portraitUrl: "data:,",
    scopes: [],
    missingScopes: [],
    authState: "ok",
    tokenHealth: "ok",
    addedAt: T0 - 24 * H,
    ...extra,
  };
}

/** A character whose queue holds one skill per finish time, each an hour long. */
export function queueOf(characterId: number, name: string, finishes: number[]): CharacterSkills {
  return {
    characterId,
    name,
    skills: null,
    queue: finishes.map((finishAt, i) => ({
      skillId: 3300 + i,
      name: `Skill ${i}`,
      finishedLevel: 4,
      position: i,
      startAt: finishAt - H,
      finishAt,
      levelStartSp: null,
      levelEndSp: null,
      trainingStartSp: null,
    })),
    attributes: null,
    skillsSync: fresh,
    queueSync: fresh,
  };
}

/** A manufacturing job of 10 Rifters at Jita 4-4, started an hour before T0. */
export function job(jobId: number, endAt: number, extra: Partial<IndustryJob> = {}): IndustryJob {
  return {
    jobId,
    activityId: 1,
    blueprintTypeId: 691,
    productTypeId: 587,
    runs: 10,
    startAt: T0 - H,
    endAt,
    status: "active",
    installerId: 1,
    locationId: 60003760,
    activity: "Manufacturing",
    productName: "Rifter",
    locationName: "Jita IV - Moon 4 - Caldari Navy Assembly Plant",
    ...extra,
  };
}

/** A barren colony: one extractor running, one stopped, one without a program; a factory and some storage. */
export function barren(): Colony {
  return {
    planetId: 40023697,
    planetType: "barren",
    solarSystemId: 30000379,
    upgradeLevel: 4,
    numPins: 9,
    lastUpdate: T0 - H,
    planetName: "Sim-379 III",
    layout: {
      extractors: [
        { pinId: 1, typeId: 2848, productTypeId: 2267, productName: "Base Metals", heads: 5, cycleSecs: 1800, qtyPerCycle: 6000, installAt: T0 - H, expiryAt: T0 + 45 * 60_000 },
        { pinId: 2, typeId: 2848, productTypeId: 2270, productName: "Noble Metals", heads: 5, cycleSecs: 1800, qtyPerCycle: 6000, installAt: T0 - 30 * H, expiryAt: T0 - 2 * H },
        { pinId: 3, typeId: 2848, productTypeId: null, heads: 3, cycleSecs: null, qtyPerCycle: null, installAt: null, expiryAt: null },
      ],
      factories: [{ pinId: 4, typeId: 2473, schematicId: 126 }],
      stored: [{ typeId: 2389, amount: 12_000, name: "Reactive Metals" }],
    },
  };
}
