import "./styles.css";
import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { cleanup, click, mockCore, mount, setTime, settle } from "./test-utils";
import { events, type JobsView, type SkillsView, type SyncInfo } from "./bindings";
import { fresh, H, job, queueOf, T0 } from "./fixtures";
import { startLive } from "./live";
import { IndustryBoard } from "./industry";
import { SkillsBoard } from "./skills";

afterEach(cleanup);

describe("IndustryBoard", () => {
  it("counts down and flips a job to Ready at its end, with no further call", async () => {
    const view: JobsView = {
      owners: [
        { ownerKind: "character", ownerId: 1, name: "Aura Vexx", jobs: [job(11, T0 + 5_000), job(12, T0 + 2 * H)], sync: fresh },
        {
          ownerKind: "corporation",
          ownerId: 98700002,
          name: "Maelis Holdings",
          jobs: null,
          sync: { ...fresh, lastRefreshedAt: null, gateState: "needs_role" },
        },
      ],
    };
    const core = mockCore({ jobsOnView: () => view });
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    const row = () => root.querySelector<HTMLElement>("tr[data-job-id='11']")!;
    expect(row().dataset.ready).toBe("false");
    expect(row().querySelector(".countdown")?.textContent).toBe("5s");
    expect(row().textContent).toContain("Rifter");

    await act(async () => {
      setTime(T0 + 2_000);
    });
    expect(row().querySelector(".countdown")?.textContent).toBe("3s");
    await act(async () => {
      setTime(T0 + 5_000);
    });
    expect(row().dataset.ready).toBe("true");
    expect(row().textContent).toContain("Ready");
    // Read once at mount (the jobs and the slots they hold), never again on the clock.
    expect(core.commands).toEqual(["jobsOnView", "slotsRead"]);

    // The gate state is said in plain words.
    const corp = root.querySelector("[data-owner='corporation-98700002']");
    expect(corp?.textContent).toContain("Needs a Factory Manager or Director of Maelis Holdings");
  });

  it("says in the core's words when ESI refused a Director-only reader", async () => {
    const message =
      "ESI did not accept Aura Vexx's Director role here: it asks for the Factory Manager role itself. Give it to a linked character in game.";
    mockCore({
      jobsOnView: () => ({
        owners: [
          {
            ownerKind: "corporation",
            ownerId: 98700001,
            name: "Brave Industries",
            jobs: null,
            sync: {
              ...fresh,
              lastRefreshedAt: null,
              gateState: "needs_role",
              error: { code: "esi.director_refused", message },
            },
          },
        ],
      }),
    });
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    const corp = root.querySelector("[data-owner='corporation-98700001']");
    expect(corp?.textContent).toContain(message);
    expect(corp?.textContent).not.toContain("Needs a Factory Manager or Director");
  });

  it("filters ready jobs and names unknown products by id", async () => {
    mockCore({
      jobsOnView: () => ({
        owners: [
          {
            ownerKind: "character",
            ownerId: 1,
            name: "Aura Vexx",
            jobs: [job(21, T0 - 1), job(22, T0 + H, { productName: null, blueprintName: null, productTypeId: 999 })],
            sync: fresh,
          },
        ],
      }),
    });
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    // A name not known yet is said as such, never as a raw id.
    const unnamedRow = root.querySelector("tr[data-job-id='22']")?.textContent;
    expect(unnamedRow).toContain("Item (name pending)");
    expect(unnamedRow).not.toContain("999");
    await click(root.querySelector("[data-testid=filter-ready]"));
    const ids = [...root.querySelectorAll<HTMLElement>("tbody tr")].map((r) => r.dataset.jobId);
    expect(ids).toEqual(["21"]);
  });
});

describe("Industry tools", () => {
  it("searches, filters by activity and by corporation, says when each job ends, and sums up freshness in one line", async () => {
    const long = "Jita IV - Moon 4 - Caldari Navy Assembly Plant and a very long structure name indeed";
    mockCore({
      jobsOnView: () => ({
        owners: [
          {
            ownerKind: "character",
            ownerId: 1,
            name: "Aura Vexx",
            jobs: [
              job(41, T0 + 2 * H, { productName: "Rifter", activity: "Manufacturing", locationName: long }),
              job(42, T0 + 9 * 24 * H, { productName: "Merlin Blueprint", activity: "Copying" }),
            ],
            sync: { ...fresh, lastRefreshedAt: T0 - 5 * 60_000 },
          },
          {
            ownerKind: "character",
            ownerId: 2,
            name: "Brakk Tollan",
            jobs: [],
            sync: { ...fresh, lastRefreshedAt: T0 - 2 * 60_000 },
          },
          {
            ownerKind: "corporation",
            ownerId: 98700001,
            name: "Brave Industries",
            jobs: [job(43, T0 + H, { productName: "Drake", activity: "Manufacturing", installerId: 1 })],
            sync: { ...fresh, lastRefreshedAt: T0 - 60_000 },
          },
        ],
      }),
      uiPrefsSet: () => null,
    });
    setTime(T0);
    const root = await mount(<IndustryBoard />);
    const ids = () => [...root.querySelectorAll<HTMLElement>("tbody tr")].map((r) => r.dataset.jobId);
    expect(ids()).toEqual(["43", "41", "42"]);

    // One freshness line for the healthy owners: the oldest read.
    const notes = [...root.querySelectorAll("[data-testid=industry-freshness] li")].map((li) => li.textContent);
    expect(notes).toEqual(["Updated 5 min ago"]);

    // Beside each countdown, when it ends; the date once it is more than six days away.
    expect(root.querySelector("tr[data-job-id='41'] .ends-at")?.textContent).toMatch(/\d\d:\d\d/);
    expect(root.querySelector("tr[data-job-id='42'] .ends-at")?.textContent).toMatch(/\d/);
    expect(root.querySelector("tr[data-job-id='42'] .ends-at")?.textContent).not.toBe(
      root.querySelector("tr[data-job-id='41'] .ends-at")?.textContent,
    );
    // A long station name: cut on the line, whole on hover.
    const location = root.querySelector<HTMLElement>("tr[data-job-id='41'] td.location")!;
    expect(location.title).toBe(long);
    expect(location.textContent).toBe("Jita IV - Moon 4 - Caldari Navy Assembl…");

    const search = root.querySelector<HTMLInputElement>("[data-testid=industry-search]")!;
    await act(async () => {
      search.value = "merlin";
      search.dispatchEvent(new Event("input"));
    });
    expect(ids()).toEqual(["42"]);
    await act(async () => {
      search.value = "";
      search.dispatchEvent(new Event("input"));
    });

    const select = async (testId: string, value: string) => {
      const el = root.querySelector<HTMLSelectElement>(`[data-testid=${testId}]`)!;
      await act(async () => {
        el.value = value;
        el.dispatchEvent(new Event("change"));
      });
    };
    await select("industry-activity", "Manufacturing");
    expect(ids()).toEqual(["43", "41"]);
    await select("industry-who", "corporation-98700001");
    expect(ids()).toEqual(["43"]);
  });
});

describe("SkillsBoard", () => {
  it("shows the skill in training, its progress and the queue end, and flags a short queue", async () => {
    const view: SkillsView = {
      characters: [
        {
          characterId: 1,
          name: "Aura Vexx",
          skills: {
            totalSp: 317_000,
            unallocatedSp: 12_000,
            skills: [
              { skillId: 3300, name: "Gunnery", skillpoints: 45_255, trainedLevel: 4, activeLevel: 4 },
              { skillId: 99, name: null, skillpoints: 250, trainedLevel: 1, activeLevel: 1 },
            ],
          },
          queue: [
            {
              skillId: 3301,
              name: "Small Hybrid Turret",
              finishedLevel: 4,
              position: 0,
              startAt: T0 - H,
              finishAt: T0 + 3 * H,
              levelStartSp: null,
              levelEndSp: null,
              trainingStartSp: null,
            },
          ],
          attributes: null,
          skillsSync: fresh,
          queueSync: { ...fresh, error: { code: "esi.server_error", message: "ESI is failing (HTTP 503) after 3 attempts." } },
        },
        { characterId: 2, name: "Brakk Tollan", skills: null, queue: [], attributes: null, skillsSync: fresh, queueSync: fresh },
      ],
      queueWarningHours: 24,
    };
    mockCore({ skillsOnView: () => view });
    setTime(T0);
    const root = await mount(<SkillsBoard />);
    const aura = root.querySelector<HTMLElement>("[data-character-id='1']")!;
    expect(aura.querySelector(".training-skill")?.textContent).toBe("Small Hybrid Turret IV");
    expect(aura.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")).toBe("25");
    expect(aura.querySelector("[data-testid=skill-countdown]")?.textContent).toBe("3h 00m");
    expect(aura.dataset.queueState).toBe("short");
    expect(aura.querySelector(".sync-error")?.textContent).toContain("ESI is failing");
    const trained = [...aura.querySelectorAll(".trained li")].map((li) => li.textContent);
    expect(trained).toEqual(["GunneryIV", "Skill (name pending)I"]);
    const brakk = root.querySelector<HTMLElement>("[data-character-id='2']")!;
    expect(brakk.dataset.queueState).toBe("empty");
    expect(brakk.querySelector(".badge-error")?.textContent).toBe("Not training");
  });
});

describe("first reads", () => {
  const never: SyncInfo = { lastRefreshedAt: null, expiresAt: null, gateState: "ok", error: null, refreshing: true };

  it("show grey bars only until a board's first read, and a failed first read in words", async () => {
    const downtime = { code: "esi.downtime", message: "ESI is in its daily downtime until 11:15 UTC." };
    let skills: SkillsView = {
      characters: [
        { characterId: 1, name: "Aura Vexx", skills: null, queue: null, attributes: null, skillsSync: never, queueSync: never },
        {
          characterId: 2,
          name: "Brakk Tollan",
          skills: null,
          queue: null,
          attributes: null,
          skillsSync: never,
          queueSync: { ...never, refreshing: false, error: downtime },
        },
      ],
      queueWarningHours: 24,
    };
    let jobs: JobsView = {
      owners: [
        { ownerKind: "character", ownerId: 1, name: "Aura Vexx", jobs: null, sync: never },
        { ownerKind: "corporation", ownerId: 9, name: "Maelis Holdings", jobs: null, sync: { ...never, gateState: "needs_role" } },
      ],
    };
    mockCore({ skillsOnView: () => skills, jobsOnView: () => jobs }, { events: true });
    startLive();
    setTime(T0);
    const root = await mount(
      <>
        <SkillsBoard />
        <IndustryBoard />
      </>,
    );
    const card = (id: number) => root.querySelector<HTMLElement>(`[data-character-id='${id}']`)!;
    expect(card(1).querySelector("[data-testid=skeleton]")).not.toBeNull();
    expect(card(2).querySelector("[data-testid=skeleton]")).toBeNull();
    expect(card(2).querySelector(".sync-error")?.textContent).toBe("ESI is in its daily downtime until 11:15 UTC.");
    expect(root.querySelector("[data-testid=industry-board] [data-testid=skeleton]")).not.toBeNull();

    // The first reads land: the bars give way to the data, for good.
    skills = { characters: [queueOf(1, "Aura Vexx", [T0 + H]), { ...skills.characters[1] }], queueWarningHours: 24 };
    jobs = { owners: [{ ...jobs.owners[0], jobs: [job(11, T0 + H)], sync: fresh }, jobs.owners[1]] };
    await act(async () => {
      await events.boardUpdated.emit({ slice: "skillqueue", ownerKind: "character", ownerId: 1 });
      await events.boardUpdated.emit({ slice: "character_jobs", ownerKind: "character", ownerId: 1 });
    });
    await settle();
    expect(root.querySelectorAll("[data-testid=skeleton]")).toHaveLength(0);
    expect(card(1).querySelector(".training-skill")?.textContent).toBe("Skill 0 IV");
    expect(root.querySelector("tr[data-job-id='11']")).not.toBeNull();
  });
});
