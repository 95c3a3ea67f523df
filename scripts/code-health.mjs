#!/usr/bin/env node
// Code-health numbers for docs/ARCHITECTURE.md: the classes whose constructors take the most
// collaborators and the longest functions in src/ (tests excluded). Reads the sources with the
// TypeScript compiler's parser only; nothing is compiled or run.
//
//   node scripts/code-health.mjs [--top N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 5;

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__tests__') yield* sources(path);
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

const constructors = [];
const functions = [];
for (const path of sources(join(root, 'src'))) {
  const file = relative(root, path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const line = (pos) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node) => {
    if (ts.isConstructorDeclaration(node) && node.parent && ts.isClassLike(node.parent)) {
      constructors.push({ where: `${file}:${line(node.getStart())}`, name: node.parent.name?.text ?? '(anonymous)', count: node.parameters.length });
    }
    const isFunction =
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node);
    if (isFunction && node.body) {
      const lines = line(node.end) - line(node.getStart()) + 1;
      const owner = ts.isClassLike(node.parent) ? `${node.parent.name?.text ?? '(anonymous)'}.` : '';
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
      functions.push({ where: `${file}:${line(node.getStart())}`, name: owner + name, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

constructors.sort((a, b) => b.count - a.count);
functions.sort((a, b) => b.lines - a.lines);
console.log(`Constructors with the most collaborators (top ${top}):`);
for (const c of constructors.slice(0, top)) console.log(`  ${String(c.count).padStart(3)}  ${c.name}  ${c.where}`);
console.log(`Longest functions (top ${top}, lines including the signature):`);
for (const f of functions.slice(0, top)) console.log(`  ${String(f.lines).padStart(3)}  ${f.name}  ${f.where}`);
