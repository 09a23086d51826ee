#!/usr/bin/env python3
"""Dumps Parquet files as pyarrow reads them, in the exact `salesflow parquet cat --json` form.

Usage: pyarrow_dump.py OUT_DIR FILE...
For each FILE writes OUT_DIR/<basename>.jsonl (one JSON object per row, columns in schema order,
no whitespace) or, when pyarrow cannot read it, OUT_DIR/<basename>.error with pyarrow's message.

The JSON rules (kept in step with src/parquet/row_json.cc): timestamps ISO-8601 UTC with
microseconds and Z (finer units floored to microseconds, INT96 read at microsecond unit);
dates YYYY-MM-DD; times HH:MM:SS.ffffff; decimals exact strings; binary base64; floats as
C++ std::to_chars shortest round-trip text, NaN/Infinity/-Infinity as strings; structs objects;
lists arrays; maps arrays of {"key":..,"value":..}; null null.
"""
import base64
import json
import math
import os
import re
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.types as pt


def civil_from_days(z):
    # Howard Hinnant's algorithm, as src/base/civil_time.cc.
    z += 719468
    era = z // 146097  # Python floors already (C++ needs the negative adjustment)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (1 if m <= 2 else 0), m, d)


def fmt_date(days):
    y, m, d = civil_from_days(days)
    return '"%04d-%02d-%02d"' % (y, m, d)


def fmt_timestamp_micros(us):
    day = us // 86400000000
    rem = us - day * 86400000000
    y, m, d = civil_from_days(day)
    secs = rem // 1000000
    return '"%04d-%02d-%02dT%02d:%02d:%02d.%06dZ"' % (y, m, d, secs // 3600, secs // 60 % 60,
                                                   secs % 60, rem % 1000000)


def fmt_time_micros(us):
    secs = us // 1000000
    return '"%02d:%02d:%02d.%06d"' % (secs // 3600, secs // 60 % 60, secs % 60, us % 1000000)


SCI = re.compile(r'^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$')


def fmt_float(x, bits):
    """The text std::to_chars(value) gives: shortest round-trip digits, fixed or scientific,
    whichever is shorter (fixed on a tie)."""
    if math.isnan(x):
        return '"NaN"'
    if math.isinf(x):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    v = np.float32(x) if bits == 32 else np.float64(x)
    if v == 0:
        return '-0' if math.copysign(1.0, float(v)) < 0 else '0'
    s = np.format_float_scientific(v, unique=True, trim='-')
    sign, first, rest, exp = SCI.match(s).groups()
    digits = first + (rest or '')
    digits = digits.rstrip('0') or '0'
    e = int(exp)
    n = len(digits)
    if e >= n - 1:
        fixed = digits + '0' * (e - (n - 1))
    elif e >= 0:
        fixed = digits[:e + 1] + '.' + digits[e + 1:]
    else:
        fixed = '0.' + '0' * (-e - 1) + digits
    sci = digits[0] + ('.' + digits[1:] if n > 1 else '') + 'e' + ('-' if e < 0 else '+') + \
        '%02d' % abs(e)
    return sign + (fixed if len(fixed) <= len(sci) else sci)


def fmt_decimal(value, scale):
    sign, digits, exponent = value.as_tuple()
    unscaled = int(''.join(map(str, digits)) or '0') * 10 ** (exponent + scale)
    text = str(unscaled).rjust(scale + 1, '0')
    body = text if scale == 0 else text[:-scale] + '.' + text[-scale:]
    return ('-' if sign else '') + body


def values(arr):
    """JSON text of every element of a pyarrow Array, as a list of str."""
    t = arr.type
    if pt.is_dictionary(t):
        return values(arr.dictionary_decode())
    if isinstance(t, pa.ExtensionType):
        return values(arr.storage)
    valid = arr.is_valid().to_pylist()
    n = len(arr)
    if pt.is_null(t):
        return ['null'] * n
    out = None
    if pt.is_boolean(t):
        out = ['true' if v else 'false' for v in arr.to_pylist()]
    elif pt.is_integer(t):
        out = [str(v) for v in arr.to_pylist()]
    elif pt.is_float16(t):
        out = [fmt_float(float(v), 32) for v in arr.to_numpy(zero_copy_only=False).astype(np.float32)]
    elif pt.is_float32(t):
        out = [fmt_float(v, 32) if v is not None else 'null' for v in arr.to_pylist()]
    elif pt.is_float64(t):
        out = [fmt_float(v, 64) if v is not None else 'null' for v in arr.to_pylist()]
    elif pt.is_string(t) or pt.is_large_string(t) or pt.is_string_view(t):
        out = [json.dumps(v, ensure_ascii=False) if v is not None else 'null'
               for v in arr.to_pylist()]
    elif pt.is_binary(t) or pt.is_large_binary(t) or pt.is_fixed_size_binary(t) or \
            pt.is_binary_view(t):
        out = ['"' + base64.b64encode(v).decode() + '"' if v is not None else 'null'
               for v in arr.to_pylist()]
    elif pt.is_timestamp(t):
        per = {'s': 1000000, 'ms': 1000, 'us': 1, 'ns': None}[t.unit]
        raw = arr.cast(pa.int64()).to_pylist()
        out = [fmt_timestamp_micros(v // 1000 if per is None else v * per) if v is not None else 'null'
               for v in raw]
    elif pt.is_date32(t):
        out = [fmt_date(v) if v is not None else 'null' for v in arr.cast(pa.int32()).to_pylist()]
    elif pt.is_date64(t):
        out = [fmt_date(v // 86400000) if v is not None else 'null'
               for v in arr.cast(pa.int64()).to_pylist()]
    elif pt.is_time(t):
        per = {'s': 1000000, 'ms': 1000, 'us': 1, 'ns': None}[t.unit]
        raw = arr.cast(pa.int64() if pt.is_time64(t) else pa.int32()).to_pylist()
        out = [fmt_time_micros(v // 1000 if per is None else v * per) if v is not None else 'null'
               for v in raw]
    elif pt.is_decimal(t):
        out = ['"' + fmt_decimal(v, t.scale) + '"' if v is not None else 'null'
               for v in arr.to_pylist()]
    elif pt.is_map(t):
        offsets = arr.offsets.to_pylist()
        keys = values(arr.keys)
        items = values(arr.items)
        out = ['[' + ','.join('{"key":%s,"value":%s}' % (keys[j], items[j])
                              for j in range(offsets[i], offsets[i + 1])) + ']'
               for i in range(n)]
    elif pt.is_list(t) or pt.is_large_list(t):
        offsets = arr.offsets.to_pylist()
        inner = values(arr.values)
        out = ['[' + ','.join(inner[offsets[i]:offsets[i + 1]]) + ']' for i in range(n)]
    elif pt.is_fixed_size_list(t):
        inner = values(arr.flatten())
        k = t.list_size
        out = ['[' + ','.join(inner[i * k:(i + 1) * k]) + ']' for i in range(n)]
    elif pt.is_struct(t):
        children = [values(c) for c in arr.flatten()]
        names = [json.dumps(t.field(j).name, ensure_ascii=False) for j in range(t.num_fields)]
        out = ['{' + ','.join(names[j] + ':' + children[j][i] for j in range(len(names))) + '}'
               for i in range(n)]
    else:
        raise NotImplementedError('pyarrow_dump: no JSON rule for type %s' % t)
    return [o if ok else 'null' for o, ok in zip(out, valid)]


def dump(path, out_dir):
    name = os.path.basename(path)
    try:
        table = pq.read_table(path, coerce_int96_timestamp_unit='us')
        columns = [values(table.column(i).combine_chunks()) for i in range(table.num_columns)]
    except Exception as e:  # pyarrow's own refusal is the expected outcome for some files
        with open(os.path.join(out_dir, name + '.error'), 'w') as f:
            f.write('%s: %s\n' % (type(e).__name__, e))
        return
    names = [json.dumps(n, ensure_ascii=False) for n in table.column_names]
    with open(os.path.join(out_dir, name + '.jsonl'), 'w', encoding='utf-8') as f:
        for i in range(table.num_rows):
            f.write('{' + ','.join(names[c] + ':' + columns[c][i] for c in range(len(names))) + '}\n')


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for path in sys.argv[2:]:
        dump(path, out_dir)


if __name__ == '__main__':
    main()
