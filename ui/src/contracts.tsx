import { useState } from "preact/hooks";
import {
  commands,
  type ContractItems,
  type ContractRole,
  type ContractRow,
  type ContractStatus,
  type ContractType,
  type Named,
} from "./bindings";
import { useBoard } from "./board";
import { OnlineDot } from "./dot";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, count, moment, passed } from "./time";
import { Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { call, describe, type UiError } from "./ipc";
import { unnamed } from "./names";
import { NoCharacters } from "./empty";
import { PilotLink } from "./pilot";
import { isk } from "./markets";
import { FIRST_SECTIONS, MoreBelow, useProgressive } from "./progressive";

const TYPES: Record<ContractType, string> = {
  item_exchange: "Item exchange",
  auction: "Auction",
  courier: "Courier",
  loan: "Loan",
  unknown: "Contract",
};

const ROLES: Record<ContractRole, string> = {
  issued: "Yours",
  accepted: "Accepted by you",
  for_you: "Offered to you",
};

const STATUS: Record<ContractStatus, string> = {
  outstanding: "Outstanding",
  in_progress: "In progress",
  finished_issuer: "Finished",
  finished_contractor: "Finished",
  finished: "Finished",
  cancelled: "Cancelled",
  rejected: "Rejected",
  failed: "Failed",
  deleted: "Deleted",
  reversed: "Reversed",
};

const place = (n: Named | null) =>
  n === null ? "" : (n.name ?? (n.id < 100_000_000 ? unnamed("Station") : "An Upwell structure"));

/** What a contract is about, in a few words. */
function what(r: ContractRow): string {
  const c = r.contract;
  if (c.title) return c.title;
  if (c.kind === "courier") return `Courier to ${place(r.end)}`;
  return TYPES[c.kind];
}

function status(r: ContractRow, at: number): string {
  const c = r.contract;
  if (c.status === "outstanding" && passed(c.expiresAt, at)) return "Expired";
  return STATUS[c.status];
}

/** The amount that matters: a courier's reward, otherwise the price. */
function amount(r: ContractRow): string {
  const c = r.contract;
  const n = c.kind === "courier" ? c.reward : c.price;
  return n === null ? "" : isk(n);
}

/** Contracts: each character's open contracts (soonest deadline first) and the last 30 days'. */
export function ContractsBoard() {
  const { view, error } = useBoard(commands.contractsOnView, ["contracts"]);
  const pilots = view?.characters.length ?? 0;
  const { shown, end } = useProgressive(pilots, FIRST_SECTIONS);
  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (!view.on) {
    return (
      <div class="empty" data-testid="contracts-off">
        <h2>Contracts are off</h2>
        <p>Turn them on under Settings → Features to see your contracts and courier deadlines.</p>
      </div>
    );
  }
  if (view.characters.length === 0) return <NoCharacters what="their contracts" />;
  const at = moment.value;
  return (
    <section class="board" data-testid="contracts-board">
      {view.characters.slice(0, shown).map((c) => (
        <article class="owner" key={c.characterId} data-character-id={c.characterId}>
          <h3>
            <OnlineDot characterId={c.characterId} /> <PilotLink entry={c} />
          </h3>
          {c.contracts === null ? (
            firstReadPending(c.contracts, c.sync) && <Skeleton lines={2} />
          ) : c.contracts.length === 0 ? (
            <p class="muted">No contracts in the last 30 days.</p>
          ) : (
            <table class="jobs dense" data-testid="contracts">
              <thead>
                <tr>
                  <th scope="col">Deadline</th>
                  <th scope="col">Contract</th>
                  <th scope="col">Status</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Whose</th>
                  <th scope="col">Items</th>
                </tr>
              </thead>
              <tbody>
                {c.contracts.map((r) => (
                  <ContractLine key={r.contract.contractId} characterId={c.characterId} row={r} at={at} />
                ))}
              </tbody>
            </table>
          )}
          <SyncNote sync={c.sync} what="contracts" />
        </article>
      ))}
      <MoreBelow total={pilots} shown={shown} end={end} what="pilots" />
    </section>
  );
}

function ContractLine({ characterId, row: r, at }: { characterId: number; row: ContractRow; at: number }) {
  const [items, setItems] = useState<ContractItems | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [open, setOpen] = useState(false);
  const c = r.contract;
  const deadline = r.dueAt ?? (c.status === "outstanding" ? c.expiresAt : null);
  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    if (items) return;
    try {
      setError(null);
      setItems(await call(commands.contractItems(characterId, c.contractId)));
    } catch (e) {
      setError(describe(e));
    }
  };
  return (
    <>
      <tr data-contract-id={c.contractId}>
        <td class="num" title={deadline === null ? "" : clockTime(deadline, at)}>
          {deadline === null ? (
            ""
          ) : passed(deadline, at) ? (
            <span class="badge badge-warn">{r.dueAt !== null ? "Overdue" : "Expired"}</span>
          ) : (
            <>
              {r.dueAt !== null ? "due in " : ""}
              <span class={passed(deadline - 86_400_000, at) ? "countdown num warn" : "countdown num"}>
                <Countdown until={deadline} />
              </span>
            </>
          )}
        </td>
        <td class="ellipsis" title={what(r)}>
          {what(r)}
        </td>
        <td>{status(r, at)}</td>
        <td class="num">{amount(r)}</td>
        <td>
          {ROLES[r.role]}
          {r.role !== "issued" && <span class="muted small"> · {r.issuer.name ?? unnamed("Pilot")}</span>}
        </td>
        <td>
          <button type="button" class="quiet" onClick={toggle} aria-expanded={open} data-testid="contract-items">
            {open ? "Hide" : "Show"}
          </button>
        </td>
      </tr>
      {open && (
        <tr class="detail" data-items-of={c.contractId}>
          <td colSpan={6}>
            {error ? (
              <ErrorNotice error={error} />
            ) : items === null ? (
              <span class="muted">Reading the items…</span>
            ) : items.items.length === 0 ? (
              <span class="muted">
                {c.kind === "courier"
                  ? `A package of ${count(Math.round(c.volume ?? 0))} m³ from ${place(r.start)} (collateral ${isk(c.collateral ?? 0)}).`
                  : "No items."}
              </span>
            ) : (
              <ul data-testid="items">
                {items.items.map((i) => (
                  <li key={i.recordId}>
                    {i.included ? "" : "Wanted: "}
                    {count(i.quantity)} × {i.item.name ?? unnamed("Item")}
                    {i.blueprintCopy && <span class="muted small"> (copy)</span>}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
