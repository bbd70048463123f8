import { afterEach, describe, expect, it } from "vitest";
import { cleanup, click, mockCore, mount as mountIn } from "./test-utils";
import { UpdateBanner } from "./update";

afterEach(cleanup);

const mount = () => mountIn(<UpdateBanner />);

describe("UpdateBanner", () => {
  it("stays out of sight when there is no update (or updates are off)", async () => {
    mockCore({ updateCheck: () => null });
    const root = await mount();
    expect(root.querySelector("[data-testid=update-banner]")).toBeNull();
  });

  it("offers a newer version and says plainly why it was not installed", async () => {
    const core = mockCore({
      updateCheck: () => ({ version: "1.2.0", notes: null }),
      updateInstall: () => {
        throw {
          code: "update.signature",
          message: "The update could not be verified: its signature does not match Cynosure's. Nothing was installed.",
        };
      },
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=update-banner]")?.textContent).toContain("Cynosure 1.2.0 is available.");
    await click(root.querySelector("[data-testid=update-install]"));
    expect(core.count("updateInstall")).toBe(1);
    const error = root.querySelector<HTMLElement>("[data-testid=update-error]")!;
    expect(error.dataset.code).toBe("update.signature");
    expect(error.textContent).toContain("Nothing was installed.");
    expect(root.querySelector("[data-testid=update-install]")?.textContent).toBe("Install and restart");
  });
});
