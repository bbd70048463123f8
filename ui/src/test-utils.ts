// Shared by the UI tests.
import { act } from "preact/test-utils";

/** Lets commands settle and the effects they trigger (a reload) run, a few rounds deep. */
export async function settle() {
  for (let round = 0; round < 3; round++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}
