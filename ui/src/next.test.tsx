import { afterEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { Accounts } from "./accounts";
import type { NextView } from "./bindings";
import { H, rosterEntry, T0 } from "./fixtures";
import { NextBoard } from "./next";
import { cleanup, click, mockCore, mount, setTime, settle } from "./test-utils";

afterEach(cleanup);

describe("Next", () => {
  it("lists each account's login, soonest first, with what waits there", async () => {
    const view: NextView = {
      lines: [
        {
          label: "Account B",
          accountId: 7,
          characterIds: [1, 3],
          characterNames: ["Aura Vexx", "Cora Maelis"],
          before: T0 + 2 * H,
          now: true,
          deadlines: [
            { characterId: 1, kind: "extractor_stops", at: T0 - H },
            { characterId: 3, kind: "job_ready", at: T0 + 2 * H },
          ],
          text: "Account B — log in now: 1 extractor stopped, 1 job ready",
        },
        {
          label: "Brakk Tollan",
          accountId: null,
          characterIds: [2],
          characterNames: ["Brakk Tollan"],
          before: T0 + 5 * H,
          now: false,
          deadlines: [{ characterId: 2, kind: "queue_ends", at: T0 + 5 * H }],
          text: "Brakk Tollan — log in before 20:06 UTC: queue ends",
        },
      ],
    };
    const core = mockCore({ nextView: () => view });
    setTime(T0);
    const root = await mount(<NextBoard />);
    const lines = [...root.querySelectorAll<HTMLElement>("[data-testid=next-line]")];
    expect(lines.map((l) => l.querySelector("h3")?.textContent)).toEqual(["Account B", "Brakk Tollan"]);
    expect(lines[0].textContent).toContain("Log in now");
    expect(lines[0].querySelector(".next-text")?.textContent).toBe(view.lines[0].text);
    expect(lines[1].textContent).toContain("In 5h 00m");
    expect(lines[0].querySelector("[data-kind=extractor_stops]")?.textContent).toContain("due");
    expect(lines[0].querySelector("[data-kind=job_ready]")?.textContent).toContain("Cora Maelis");
    expect(core.commands).toEqual(["nextView"]);
    // Accounts exist: no hint to make them.
    expect(root.textContent).not.toContain("Group characters into accounts");
  });

  it("suggests accounts while every line is a character of its own", async () => {
    mockCore({
      nextView: () => ({
        lines: [
          {
            label: "Brakk Tollan",
            accountId: null,
            characterIds: [2],
            characterNames: ["Brakk Tollan"],
            before: T0 + 5 * H,
            now: false,
            deadlines: [{ characterId: 2, kind: "queue_ends", at: T0 + 5 * H }],
            text: "Brakk Tollan — log in before 20:06 UTC: queue ends",
          },
        ],
      }),
    });
    setTime(T0);
    const root = await mount(<NextBoard />);
    expect(root.textContent).toContain("Group characters into accounts under Characters");
  });
});

describe("Accounts", () => {
  it("creates an account and puts a character in it", async () => {
    let accounts: { accountId: number; name: string; characterIds: number[] }[] = [];
    const core = mockCore({
      accountsList: () => accounts,
      accountCreate: (name) => {
        const a = { accountId: 7, name, characterIds: [] };
        accounts = [a];
        return a;
      },
      accountAssign: (characterId, accountId) => ({ ...rosterEntry(characterId, "Aura Vexx"), accountId }),
    });
    const changed: number[] = [];
    const root = await mount(
      <Accounts characters={[rosterEntry(1, "Aura Vexx")]} onChanged={() => changed.push(1)} />,
    );
    const input = root.querySelector<HTMLInputElement>("[data-testid=account-name]")!;
    await act(() => {
      input.value = "Main";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await click(root.querySelector("[data-testid=account-create]"));
    expect(core.argsOf("accountCreate")).toEqual([["Main"]]);
    const select = root.querySelector<HTMLSelectElement>("[data-testid=account-of-1]")!;
    await act(() => {
      select.value = "7";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await settle();
    expect(core.argsOf("accountAssign")).toEqual([[1, 7]]);
    expect(changed.length).toBe(2);
  });
});
