"""Lists the test methods of CPython's weakref test classes as JSON: {"Class": ["test_x", ...]}.

Reads the test modules of the python3 running it (Lib/test/test_weakref.py, test_weakset.py and the
mapping_tests.py base classes they inherit from) with ast, never importing or running them. Used by
spec/cpython-coverage.spec.ts and for the ported / skipped / total tally.
"""
import ast
import json
import os
import test

TEST_DIR = os.path.dirname(test.__file__)


def classes(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = [ast.unparse(b) for b in node.bases]
            tests = [n.name for n in node.body
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test")]
            out[node.name] = (bases, tests)
    return out


def main():
    mapping = classes(os.path.join(TEST_DIR, "mapping_tests.py"))
    result = {}
    for module in ("test_weakref.py", "test_weakset.py"):
        for name, (bases, tests) in classes(os.path.join(TEST_DIR, module)).items():
            collected = list(tests)
            for base in bases:
                base_name = base.split(".")[-1]
                if base.startswith("mapping_tests.") and base_name in mapping:
                    # Inherited protocol tests, overridden ones counted once.
                    collected += [t for t in mapping[base_name][1] if t not in collected]
            if collected:
                result[name] = collected
    print(json.dumps(result, indent=1))


main()
