from initiatives.markdown import link_terms, render_markdown


def test_markdown_keeps_plain_formatting():
    html = render_markdown("- **Pour le pôle** : bénéfice\n    - détail")
    assert "<strong>Pour le pôle</strong>" in html
    assert html.count("<ul>") == 2


def test_markdown_drops_scripts_handlers_and_javascript_links():
    html = render_markdown(
        '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    )
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_a_term_is_linked_once_and_never_inside_a_link():
    linked: set[str] = set()
    html = link_terms(
        '<p><a href="/x">Biodiversité</a> et biodiversité, encore biodiversité</p>',
        {"biodiversité": "/glossaire/biodiversite/"},
        linked,
    )
    assert html.count("glossary-term") == 1
    assert '<a href="/x">Biodiversité</a> et <a class="glossary-term"' in html
    assert linked == {"/glossaire/biodiversite/"}


def test_a_term_linked_in_an_earlier_part_is_not_linked_again():
    linked = {"/glossaire/biodiversite/"}
    html = link_terms("<p>biodiversité</p>", {"biodiversité": "/glossaire/biodiversite/"}, linked)
    assert "glossary-term" not in html


def test_words_are_matched_whole():
    html = link_terms("<p>écosystèmes</p>", {"écosystème": "/g/e/"}, set())
    assert "glossary-term" not in html
