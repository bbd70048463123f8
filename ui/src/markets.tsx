import { useState } from "preact/hooks";
import { commands, type OrderEnd, type OrderRow } from "./bindings";
import { useBoard } from "./board";
import { OnlineDot } from "./dot";
import { Fold } from "./fold";
import { Skeleton } from "./skeleton";
import { firstReadPending, SyncNote } from "./sync";
import { clockTime, count, locale, moment, passed } from "./time";
import { Age, Countdown } from "./clock";
import { ErrorNotice } from "./notice";
import { unnamed } from "./names";
import { NoCharacters } from "./empty";
import { PilotLink } from "./pilot";
import { FIRST_SECTIONS, MoreBelow, useProgressive } from "./progressive";

/** ISK with two decimals below a thousand, whole above: "449,900 ISK", "3.92 ISK". */
export function isk(n: number): string {
  const digits = Math.abs(n) < 1000 ? 2 : 0;
  return `${n.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })} ISK`;
}

const itemName = (o: OrderRow) => o.item.name ?? unnamed("Item");
const placeName = (o: OrderRow) =>
  o.location.name ?? (o.location.id < 100_000_000 ? unnamed("Station") : "An Upwell structure");

const ENDS: Record<OrderEnd, string> = {
  filled: "Filled",
  expired: "Expired",
  cancelled: "Cancelled",
  unknown: "Closed",
};

/** The open table's columns: how each sorts. */
const COLUMNS = [
  { id: "expires", label: "Expires", key: (o: OrderRow) => o.expiresAt },
  { id: "item", label: "Item", key: (o: OrderRow) => itemName(o) },
  { id: "side", label: "Side", key: (o: OrderRow) => (o.isBuy ? "buy" : "sell") },
  { id: "price", label: "Price", key: (o: OrderRow) => o.price },
  { id: "remaining", label: "Remaining", key: (o: OrderRow) => o.volumeRemain },
  { id: "location", label: "Location", key: (o: OrderRow) => placeName(o) },
] as const;
type Column = (typeof COLUMNS)[number]["id"];

function compare(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

/** Market orders: each character's open orders with their expiry, and those ended this week. */
export function MarketsBoard() {
  const { view, error } = useBoard(commands.ordersOnView, ["market_orders"]);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: "expires", descending: false });
  const pilots = view?.characters.length ?? 0;
  const { shown, end } = useProgressive(pilots, FIRST_SECTIONS);

  if (error) return <ErrorNotice error={error} />;
  if (!view) return <section class="board" aria-busy="true" />;
  if (!view.on) {
    return (
      <div class="empty" data-testid="markets-off">
        <h2>Market orders are off</h2>
        <p>Turn them on under Settings → Features to see your orders, when each expires and which were filled.</p>
      </div>
    );
  }
  if (view.characters.length === 0) return <NoCharacters what="their market orders" />;
  const by = COLUMNS.find((c) => c.id === sort.column) ?? COLUMNS[0];
  const sorted = (rows: OrderRow[]) =>
    [...rows].sort((a, b) => compare(by.key(a), by.key(b)) * (sort.descending ? -1 : 1) || a.orderId - b.orderId);
  const sortOn = (column: Column) =>
    setSort({ column, descending: sort.column === column ? !sort.descending : false });
  const at = moment.value;
  return (
    <section class="board" data-testid="markets-board">
      {view.characters.slice(0, shown).map((c) => (
        <article class="owner" key={c.characterId} data-character-id={c.characterId}>
          <h3>
            <OnlineDot characterId={c.characterId} /> <PilotLink entry={c} />
            {c.open !== null && (
              <span class="muted small" data-testid="order-count">
                {" "}
                · {c.open.length === 0 ? "no open orders" : c.open.length === 1 ? "1 open order" : `${c.open.length} open orders`}
              </span>
            )}
          </h3>
          {c.open === null ? (
            firstReadPending(c.open, c.sync) && <Skeleton lines={2} />
          ) : c.open.length === 0 ? null : (
            <table class="jobs dense" data-testid="orders">
              <thead>
                <tr>
                  {COLUMNS.map((col) => (
                    <th
                      key={col.id}
                      scope="col"
                      aria-sort={sort.column === col.id ? (sort.descending ? "descending" : "ascending") : "none"}
                    >
                      <button type="button" class="quiet" onClick={() => sortOn(col.id)} data-testid={`sort-${col.id}`}>
                        {col.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted(c.open).map((o) => (
                  <tr key={o.orderId} data-order-id={o.orderId}>
                    <td class="num" title={clockTime(o.expiresAt, at)}>
                      {passed(o.expiresAt, at) ? (
                        <span class="badge badge-warn">Expired</span>
                      ) : (
                        <span class={passed(o.expiresAt - 86_400_000, at) ? "countdown num warn" : "countdown num"}>
                          <Countdown until={o.expiresAt} />
                        </span>
                      )}
                    </td>
                    <td>
                      {itemName(o)}
                      {o.isCorporation && <span class="muted small"> (corporation)</span>}
                    </td>
                    <td>{o.isBuy ? "Buy" : "Sell"}</td>
                    <td class="num">{isk(o.price)}</td>
                    <td class="num">
                      {count(o.volumeRemain)} / {count(o.volumeTotal)}
                    </td>
                    <td class="ellipsis" title={placeName(o)}>
                      {placeName(o)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.ended.length > 0 && (
            <Fold id={`ended-orders-${c.characterId}`} summary={`${c.ended.length} ended this week`}>
              <ul data-testid="ended-orders">
                {c.ended.map((o) => (
                  <li key={o.orderId} data-order-id={o.orderId}>
                    <span class={o.end === "filled" ? "ready" : "muted"}>{o.end ? ENDS[o.end] : "Ended"}</span>{" "}
                    {itemName(o)} ({o.isBuy ? "buy" : "sell"}, {count(o.volumeTotal)} at {isk(o.price)})
                    {o.leftAt !== null && (
                      <span class="muted small">
                        {" "}
                        · <Age since={o.leftAt} />
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </Fold>
          )}
          <SyncNote sync={c.sync} what="market orders" />
        </article>
      ))}
      <MoreBelow total={pilots} shown={shown} end={end} what="pilots" />
    </section>
  );
}
