import { afterEach, describe, expect, it } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { mockCore, settle } from "./test-utils";
import { UpdateBanner } from "./update";

afterEach(() => {
  clearMocks();
  render(null, document.body);
  document.body.innerHTML = "";
});

async function mount(): Promise<HTMLElement> {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<UpdateBanner />, root);
  });
  await settle();
  return root;
}

describe("UpdateBanner", () => {
  it("stays out of sight when there is no update (or updates are off)", async () => {
    mockCore({ updateCheck: () => null });
    const root = await mount();
    expect(root.querySelector("[data-testid=update-banner]")).toBeNull();
  });

  it("offers a newer version and says plainly why it was not installed", async () => {
    const calls: string[] = [];
    mockCore({
      updateCheck: () => ({ version: "1.2.0", notes: null }),
      updateInstall: () => {
        calls.push("update_install");
        throw {
          code: "update.signature",
          message: "The update could not be verified: its signature does not match Cynosure's. Nothing was installed.",
        };
      },
    });
    const root = await mount();
    expect(root.querySelector("[data-testid=update-banner]")?.textContent).toContain("Cynosure 1.2.0 is available.");
    await act(async () => {
      root.querySelector<HTMLButtonElement>("[data-testid=update-install]")!.click();
    });
    await settle();
    expect(calls).toEqual(["update_install"]);
    const error = root.querySelector<HTMLElement>("[data-testid=update-error]")!;
    expect(error.dataset.code).toBe("update.signature");
    expect(error.textContent).toContain("Nothing was installed.");
    expect(root.querySelector("[data-testid=update-install]")?.textContent).toBe("Install and restart");
  });
});
