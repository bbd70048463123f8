import { online } from "./live";

/** The online dot on a portrait or name: online, offline or unknown. */
export function OnlineDot({ characterId }: { characterId: number }) {
  const state = online.value[characterId];
  const [kind, label] = state === true ? ["online", "Online"] : state === false ? ["offline", "Offline"] : ["unknown", "Online status unknown"];
  return <span class="dot" data-online={kind} role="img" aria-label={label} title={label} />;
}
