"""Turns the guide's text (`guide-cgdd-2012.txt`) into the fixture `fixtures/guide.json`.

Only this package and the `import_guide` command read the seed; the application reads the fixture.
Each module returns fixture records that use natural keys, so the fixture loads again and again
without duplicating rows:
- `content`: enjeux, levels, sections, levers, sheets, paths and their steps;
- `about`: the introduction concepts and the references (« démarche » page);
- `glossary`: the 46 terms and their links to sheets;
- `grid`: the `cgdd-2012` grid version and its 41 questions.
`lint` then finds the conversion faults left in the records; `import_guide` writes none while
any is left.
"""
