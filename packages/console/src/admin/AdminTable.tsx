/**
 * An admin list as a table: a header cell per column and a row per entry, plus an "Actions"
 * column with each row's buttons for those who may change the list (left out, header and all,
 * for read-only viewers).
 */
import type { ComponentChildren } from 'preact';

interface Props<T> {
  readonly columns: readonly string[];
  /** Null while the list is loading (or failed to): the table shows no rows. */
  readonly rows: readonly T[] | null;
  readonly rowKey: (row: T) => string;
  /** The row's data cells, one per column. */
  readonly cells: (row: T) => ComponentChildren;
  /** The row's buttons; undefined for read-only viewers. */
  readonly actions?: ((row: T) => ComponentChildren) | undefined;
  readonly rowClass?: (row: T) => string;
}

export function AdminTable<T>({ columns, rows, rowKey, cells, actions, rowClass }: Props<T>) {
  return (
    <table class="admin-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          {actions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {(rows ?? []).map((row) => (
          <tr key={rowKey(row)} class={rowClass?.(row)}>
            {cells(row)}
            {actions && <td class="admin-actions">{actions(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
