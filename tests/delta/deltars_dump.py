#!/usr/bin/env python3
"""Reads Delta tables with delta-rs (the deltalake package) for the interop tests.

  deltars_dump.py rows OUT_DIR NAME=TABLE_DIR[@VERSION]...
      For each table writes OUT_DIR/NAME.jsonl: DeltaTable(path[, version]).to_pyarrow_table()
      rows in the `salesflow parquet cat --json` form with keys sorted by column name, lines
      sorted (the canonical form the C++ side builds too), or OUT_DIR/NAME.error with
      delta-rs's message when it cannot read the table.
  deltars_dump.py info TABLE_DIR APP_ID
      Prints JSON {"version": v, "txn": transaction_version(APP_ID), "files": [absolute file
      paths of the active files], "duckdb_rows": [canonical rows DuckDB reads from each file,
      with the file's partition values added]}.

The JSON value rules come from tests/parquet/pyarrow_dump.py, imported, not copied.
"""
import json
import warnings
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'parquet'))
import pyarrow_dump  # noqa: E402

from deltalake import DeltaTable  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'python'))
from check_exit import exit_passed  # noqa: E402


def canonical_rows(table):
    columns = [pyarrow_dump.values(table.column(i).combine_chunks())
               for i in range(table.num_columns)]
    names = list(table.column_names)
    order = sorted(range(len(names)), key=lambda i: names[i].encode('utf-8'))
    keys = [json.dumps(n, ensure_ascii=False) for n in names]
    rows = ['{' + ','.join(keys[c] + ':' + columns[c][r] for c in order) + '}'
            for r in range(table.num_rows)]
    rows.sort(key=lambda s: s.encode('utf-8'))
    return rows


def dump_rows(out_dir, specs):
    os.makedirs(out_dir, exist_ok=True)
    for spec in specs:
        name, path = spec.split('=', 1)
        version = None
        if '@' in path:
            path, v = path.rsplit('@', 1)
            version = int(v)
        try:
            dt = DeltaTable(path, version=version)
            rows = canonical_rows(dt.to_pyarrow_table())
        except Exception as e:  # delta-rs's refusal is an outcome to record
            with open(os.path.join(out_dir, name + '.error'), 'w') as f:
                f.write('%s: %s\n' % (type(e).__name__, str(e).replace('\n', ' ')))
            continue
        with open(os.path.join(out_dir, name + '.jsonl'), 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(r + '\n')


def info(path, app_id):
    warnings.simplefilter('ignore')
    import duckdb
    import pyarrow as pa
    dt = DeltaTable(path)
    files = dt.file_uris()
    actions = pa.table(dt.get_add_actions(flatten=True)).to_pydict()
    part_cols = dt.metadata().partition_columns
    schema = pa.schema(dt.schema().to_arrow())
    by_path = {}
    for i, p in enumerate(actions['path']):
        by_path[p] = {c: actions['partition.' + c][i] for c in part_cols}
    rows = []
    con = duckdb.connect()
    for uri in files:
        local = uri[len('file://'):] if uri.startswith('file://') else uri
        rel = os.path.relpath(local, path)
        from urllib.parse import unquote
        parts = by_path.get(rel) or by_path.get(unquote(rel)) or {}
        tbl = con.execute('SELECT * FROM read_parquet(?, hive_partitioning = false)',
                          [local]).to_arrow_table()
        for c in part_cols:
            field = schema.field(c)
            value = parts.get(c)
            tbl = tbl.append_column(c, pa.array([value] * tbl.num_rows).cast(field.type))
        # Same column types as the table's schema (DuckDB reads timestamps with a zone).
        tbl = tbl.select([f.name for f in schema]).cast(schema)
        rows.extend(canonical_rows(tbl))
    rows.sort(key=lambda s: s.encode('utf-8'))
    print(json.dumps({'version': dt.version(), 'txn': dt.transaction_version(app_id),
                      'files': files, 'rows': canonical_rows(dt.to_pyarrow_table()),
                      'duckdb_rows': rows}, ensure_ascii=False))


def main():
    if sys.argv[1] == 'rows':
        dump_rows(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == 'info':
        info(sys.argv[2], sys.argv[3])
    else:
        sys.exit('usage: deltars_dump.py rows OUT_DIR NAME=DIR[@V]... | info DIR APP_ID')


if __name__ == '__main__':
    main()
    exit_passed()
