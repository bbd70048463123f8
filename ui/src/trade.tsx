import { ContractsBoard } from "./contracts";
import { MarketsBoard } from "./markets";

/** Trade: market orders, then contracts, each its own feature. */
export function TradeView() {
  return (
    <div class="stack" data-testid="trade">
      <h2 class="section-title">Market orders</h2>
      <MarketsBoard />
      <h2 class="section-title">Contracts</h2>
      <ContractsBoard />
    </div>
  );
}
