<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BreadcrumbBar</name>
    <message numerus="yes">
        <source>Searching this branch only: %Ln match(es)</source>
        <translation>
            <numerusform>Searching this branch only: %Ln match</numerusform>
            <numerusform>Searching this branch only: %Ln matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibrarySearchDialog</name>
    <message numerus="yes">
        <source>%Ln post(s) match</source>
        <translation>
            <numerusform>%Ln post matches</numerusform>
            <numerusform>%Ln posts match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (the first %Ln are shown)</source>
        <translation>
            <numerusform> (the first %Ln are shown)</numerusform>
            <numerusform> (the first %Ln are shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinksModel</name>
    <message numerus="yes">
        <source>cited %n time(s)</source>
        <translation>
            <numerusform>cited %n time</numerusform>
            <numerusform>cited %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>The outline shows the first {shown} of %Ln matching node(s); type more to narrow the search.</source>
        <translation>
            <numerusform>The outline shows the first {shown} of %Ln matching node; type more to narrow the search.</numerusform>
            <numerusform>The outline shows the first {shown} of %Ln matching nodes; type more to narrow the search.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln post(s) in {folder} (Ctrl+Shift+F searches them)</source>
        <translation>
            <numerusform>%Ln post in {folder} (Ctrl+Shift+F searches them)</numerusform>
            <numerusform>%Ln posts in {folder} (Ctrl+Shift+F searches them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing {done} of %Ln post(s)…</source>
        <translation>
            <numerusform>Indexing {done} of %Ln post…</numerusform>
            <numerusform>Indexing {done} of %Ln posts…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message numerus="yes">
        <source>Ringed: {node} (folded: %n node(s) hidden)</source>
        <translation>
            <numerusform>Ringed: {node} (folded: %n node hidden)</numerusform>
            <numerusform>Ringed: {node} (folded: %n nodes hidden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n level(s)</source>
        <translation>
            <numerusform>%n level</numerusform>
            <numerusform>%n levels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln node(s)</source>
        <translation>
            <numerusform>{shown} of %Ln node</numerusform>
            <numerusform>{shown} of %Ln nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message numerus="yes">
        <source>%n hidden — click to unfold</source>
        <translation>
            <numerusform>%n hidden — click to unfold</numerusform>
            <numerusform>%n hidden — click to unfold</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MathTexts</name>
    <message numerus="yes">
        <source>longer than %Ln character(s)</source>
        <translation>
            <numerusform>longer than %Ln character</numerusform>
            <numerusform>longer than %Ln characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostCounts</name>
    <message numerus="yes">
        <source>%Ln heading(s)</source>
        <translation>
            <numerusform>%Ln heading</numerusform>
            <numerusform>%Ln headings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min read</source>
        <translation>
            <numerusform>%n min read</numerusform>
            <numerusform>%n min read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostDocumentTexts</name>
    <message numerus="yes">
        <source>This post has %Ln list item(s); the preview shows the first {shown}, the outline and the links all of them; search counts the matches in all of it and shows those in the part shown.</source>
        <translation>
            <numerusform>This post has %Ln list item; the preview shows the first {shown}, the outline and the links all of them; search counts the matches in all of it and shows those in the part shown.</numerusform>
            <numerusform>This post has %Ln list items; the preview shows the first {shown}, the outline and the links all of them; search counts the matches in all of it and shows those in the part shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula(s) shown as TeX ({formula}: {why}).</source>
        <translation>
            <numerusform>%Ln formula shown as TeX ({formula}: {why}).</numerusform>
            <numerusform>%Ln formulas shown as TeX ({formula}: {why}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula(s) shown as TeX: typesetting them all would take too long.</source>
        <translation>
            <numerusform>%Ln formula shown as TeX: typesetting them all would take too long.</numerusform>
            <numerusform>%Ln formulas shown as TeX: typesetting them all would take too long.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %Ln more</source>
        <translation>
            <numerusform>; and %Ln more</numerusform>
            <numerusform>; and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) not shown: {images}</source>
        <translation>
            <numerusform>%Ln image not shown: {images}</numerusform>
            <numerusform>%Ln images not shown: {images}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostsPanel</name>
    <message numerus="yes">
        <source>%Ln post(s)</source>
        <translation>
            <numerusform>%Ln post</numerusform>
            <numerusform>%Ln posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln post(s)</source>
        <translation>
            <numerusform>{shown} of %Ln post</numerusform>
            <numerusform>{shown} of %Ln posts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message numerus="yes">
        <source>Match {number} of %Ln</source>
        <translation>
            <numerusform>Match {number} of %Ln</numerusform>
            <numerusform>Match {number} of %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+%Ln further on)</source>
        <translation>
            <numerusform>(+%Ln further on)</numerusform>
            <numerusform>(+%Ln further on)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more match(es) in the part of the post the preview does not show</source>
        <translation>
            <numerusform>%Ln more match in the part of the post the preview does not show</numerusform>
            <numerusform>%Ln more matches in the part of the post the preview does not show</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SingleInstanceTexts</name>
    <message numerus="yes">
        <source>%n more file(s) were given; File ▸ Open Recent lists the first {listed}.</source>
        <translation>
            <numerusform>%n more file was given; File ▸ Open Recent lists the first {listed}.</numerusform>
            <numerusform>%n more files were given; File ▸ Open Recent lists the first {listed}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more file(s) were given; File ▸ Open Recent lists them.</source>
        <translation>
            <numerusform>%n more file was given; File ▸ Open Recent lists it.</numerusform>
            <numerusform>%n more files were given; File ▸ Open Recent lists them.</numerusform>
        </translation>
    </message>
</context>
</TS>
