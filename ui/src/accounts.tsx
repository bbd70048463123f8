import { useEffect, useState } from "preact/hooks";
import { commands, type Account, type RosterEntry } from "./bindings";
import { call, describe, type UiError } from "./ipc";
import { ErrorNotice } from "./notice";

/**
 * Accounts: the player's own grouping of characters (ESI has no account id), so that
 * "Next" says which login is due. A character in no account is its own.
 */
export function Accounts(props: { characters: RosterEntry[]; onChanged: () => void }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState<UiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    call(commands.accountsList())
      .then((list) => setAccounts(list ?? []))
      .catch((e) => setError(describe(e)));
  }, [generation, props.characters]);

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(null);
      setGeneration((g) => g + 1);
      props.onChanged();
    } catch (e) {
      setError(describe(e));
    }
  };

  return (
    <div class="accounts" data-testid="accounts">
      <h3 class="section-title">Accounts</h3>
      <p class="muted small">Put characters that share an EVE account together: one login serves them all.</p>
      <ul class="account-list">
        {accounts.map((a) => (
          <li data-account-id={a.accountId}>
            <strong>{a.name}</strong>{" "}
            <span class="muted small">
              {a.characterIds.length === 1 ? "1 character" : `${a.characterIds.length} characters`}
            </span>{" "}
            <button
              type="button"
              class="quiet"
              onClick={() => {
                const next = window.prompt("Rename the account", a.name);
                if (next !== null) void act(() => call(commands.accountRename(a.accountId, next)));
              }}
            >
              Rename
            </button>
            <button
              type="button"
              class="quiet"
              onClick={() => act(() => call(commands.accountDelete(a.accountId)))}
              data-testid={`account-delete-${a.accountId}`}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        class="account-new"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await call(commands.accountCreate(name));
            setName("");
          });
        }}
      >
        <label>
          <span class="sr-only">New account's name</span>
          <input
            value={name}
            placeholder="New account (e.g. Main)"
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            data-testid="account-name"
          />
        </label>
        <button type="submit" data-testid="account-create">
          Add account
        </button>
      </form>
      {accounts.length > 0 && (
        <ul class="account-members">
          {props.characters.map((c) => (
            <li data-character-id={c.characterId}>
              <label>
                {c.name}{" "}
                <select
                  value={c.accountId === null ? "" : String(c.accountId)}
                  onChange={(e) => {
                    const v = (e.target as HTMLSelectElement).value;
                    void act(() => call(commands.accountAssign(c.characterId, v === "" ? null : Number(v))));
                  }}
                  data-testid={`account-of-${c.characterId}`}
                >
                  <option value="">On its own</option>
                  {accounts.map((a) => (
                    <option value={String(a.accountId)}>{a.name}</option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <ErrorNotice error={error} />
      )}
    </div>
  );
}
