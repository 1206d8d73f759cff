<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open File…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>목록 지우기</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <source>Open in &amp;Editor</source>
        <translation>편집기에서 열기(&amp;E)</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>폴더에서 보기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>Search the Library…</source>
        <translation>모든 글에서 검색…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Copy Branch as &amp;Markdown</source>
        <translation>가지를 마크다운으로 복사(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Expand All</source>
        <translation>모두 펼치기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation>모두 접기(&amp;C)</translation>
    </message>
    <message>
        <source>Expand to Level &amp;{n}</source>
        <translation>{n}단계까지 펼치기(&amp;{n})</translation>
    </message>
    <message>
        <source>&amp;Font…</source>
        <translation>글꼴(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Readable Line Width</source>
        <translation>읽기 좋은 줄 너비(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>시스템 언어(&amp;S)</translation>
    </message>
    <message>
        <source>Applies when Note Viewer starts again</source>
        <translation>Note Viewer를 다시 시작하면 적용됩니다</translation>
    </message>
    <message>
        <source>F&amp;ocus Mode</source>
        <translation>집중 모드(&amp;O)</translation>
    </message>
    <message>
        <source>Full Screen in Focus Mode</source>
        <translation>집중 모드에서 전체 화면</translation>
    </message>
    <message>
        <source>Leave Focus Mode</source>
        <translation>집중 모드 끝내기</translation>
    </message>
    <message>
        <source>Show Outline</source>
        <translation>개요 보기</translation>
    </message>
    <message>
        <source>Show Links</source>
        <translation>링크 보기</translation>
    </message>
    <message>
        <source>Show &amp;Map</source>
        <translation>마인드맵 보기(&amp;M)</translation>
    </message>
    <message>
        <source>Go to &amp;Outline</source>
        <translation>개요로 이동(&amp;O)</translation>
    </message>
    <message>
        <source>Go to &amp;Post</source>
        <translation>본문으로 이동(&amp;P)</translation>
    </message>
    <message>
        <source>Go to &amp;Links</source>
        <translation>링크로 이동(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Previous Post</source>
        <translation>이전 글(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next Post</source>
        <translation>다음 글(&amp;N)</translation>
    </message>
    <message>
        <source>Previous in &amp;Category</source>
        <translation>카테고리의 이전 글(&amp;C)</translation>
    </message>
    <message>
        <source>Next in C&amp;ategory</source>
        <translation>카테고리의 다음 글(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>뒤로(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>앞으로(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;ocus on This Branch</source>
        <translation>이 가지에 집중(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Widen the Focus</source>
        <translation>집중 범위 넓히기(&amp;W)</translation>
    </message>
    <message>
        <source>Show the &amp;Whole Post</source>
        <translation>글 전체 보기(&amp;W)</translation>
    </message>
    <message>
        <source>Filter &amp;Posts</source>
        <translation>글 목록 거르기(&amp;P)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>찾기</translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation>다음 찾기</translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation>이전 찾기</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Note Viewer</source>
        <translation>Note Viewer 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Map as &amp;SVG…</source>
        <translation>마인드맵을 SVG로(&amp;S)…</translation>
    </message>
    <message>
        <source>Map as P&amp;NG…</source>
        <translation>마인드맵을 PNG로(&amp;N)…</translation>
    </message>
    <message>
        <source>Post as &amp;PDF…</source>
        <translation>글을 PDF로(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>시스템 설정대로(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>Outline as &amp;OPML…</source>
        <translation>개요를 OPML로(&amp;O)…</translation>
    </message>
    <message>
        <source>Outline as &amp;Markdown…</source>
        <translation>개요를 마크다운으로(&amp;M)…</translation>
    </message>
    <message>
        <source>Post as &amp;HTML…</source>
        <translation>글을 HTML로(&amp;H)…</translation>
    </message>
    <message>
        <source>Links as Markdown…</source>
        <translation>링크를 마크다운으로…</translation>
    </message>
    <message>
        <source>Links as CSV…</source>
        <translation>링크를 CSV로…</translation>
    </message>
    <message>
        <source>Links as JSON…</source>
        <translation>링크를 JSON으로…</translation>
    </message>
</context>
<context>
    <name>BreadcrumbBar</name>
    <message>
        <source>Focused branch</source>
        <translation>집중한 가지</translation>
    </message>
    <message>
        <source>Show the whole post (Esc)</source>
        <translation>글 전체 보기 (Esc)</translation>
    </message>
    <message>
        <source>Show the whole post</source>
        <translation>글 전체 보기</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>글</translation>
    </message>
    <message>
        <source>Focused on: {branch}</source>
        <translation>집중한 곳: {branch}</translation>
    </message>
    <message>
        <source>Show the whole post ({title})</source>
        <translation>글 전체 보기 ({title})</translation>
    </message>
    <message>
        <source>Focus on {branch}</source>
        <translation>{branch}에 집중</translation>
    </message>
    <message>
        <source>Showing this branch only</source>
        <translation>이 가지만 보는 중</translation>
    </message>
    <message numerus="yes">
        <source>Searching this branch only: %Ln match(es)</source>
        <translation>
            <numerusform>이 가지에서만 검색: %Ln곳 일치</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyStates</name>
    <message>
        <source>&lt;p class=&quot;keys&quot;&gt;&lt;b&gt;Ctrl+O&lt;/b&gt; opens a post &amp;nbsp;·&amp;nbsp; &lt;b&gt;Ctrl+Shift+O&lt;/b&gt; a folder or a whole Jekyll site &amp;nbsp;·&amp;nbsp; or drop a Markdown file here.&lt;/p&gt;</source>
        <translation>&lt;p class=&quot;keys&quot;&gt;&lt;b&gt;Ctrl+O&lt;/b&gt; 글 열기 &amp;nbsp;·&amp;nbsp; &lt;b&gt;Ctrl+Shift+O&lt;/b&gt; 폴더나 Jekyll 사이트 전체 열기 &amp;nbsp;·&amp;nbsp; 또는 마크다운 파일을 여기에 끌어다 놓으세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>최근 파일</translation>
    </message>
    <message>
        <source>Open a post or a folder</source>
        <translation>글이나 폴더를 여세요</translation>
    </message>
    <message>
        <source>Note Viewer shows a Markdown post with its outline, its links and a search, or lists the posts of a folder.</source>
        <translation>Note Viewer는 마크다운 글을 개요, 링크, 검색과 함께 보여 주고, 폴더의 글 목록도 보여 줍니다.</translation>
    </message>
    <message>
        <source>No posts in this folder</source>
        <translation>이 폴더에는 글이 없습니다</translation>
    </message>
    <message>
        <source>{folder} has no Markdown files ({suffixes}).</source>
        <translation>{folder}에 마크다운 파일({suffixes})이 없습니다.</translation>
    </message>
    <message>
        <source>&lt;p class=&quot;keys&quot;&gt;&lt;b&gt;Ctrl+Shift+O&lt;/b&gt; opens another folder &amp;nbsp;·&amp;nbsp; &lt;b&gt;Ctrl+O&lt;/b&gt; a single post.&lt;/p&gt;</source>
        <translation>&lt;p class=&quot;keys&quot;&gt;&lt;b&gt;Ctrl+Shift+O&lt;/b&gt; 다른 폴더 열기 &amp;nbsp;·&amp;nbsp; &lt;b&gt;Ctrl+O&lt;/b&gt; 글 하나 열기&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>FocusMode</name>
    <message>
        <source>Focus mode — Esc or F11 to leave</source>
        <translation>집중 모드 — Esc나 F11을 누르면 끝납니다</translation>
    </message>
</context>
<context>
    <name>FontDialog</name>
    <message>
        <source>Apply the value being typed</source>
        <translation>입력하는 값을 바로 적용</translation>
    </message>
    <message>
        <source>Font window</source>
        <translation>글꼴 창</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>글꼴</translation>
    </message>
    <message>
        <source>Font family</source>
        <translation>글꼴</translation>
    </message>
    <message>
        <source> pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>글자 크기</translation>
    </message>
    <message>
        <source>The height of a line of text, in percent of the font size.</source>
        <translation>한 줄의 높이(글자 크기에 대한 백분율)입니다.</translation>
    </message>
    <message>
        <source>Line height</source>
        <translation>줄 높이</translation>
    </message>
    <message>
        <source>Readable line width</source>
        <translation>읽기 좋은 줄 너비</translation>
    </message>
    <message>
        <source>Keep the text to a centred column instead of the window&apos;s full width.</source>
        <translation>본문을 창 너비 전체에 펼치지 않고 가운데 단으로 모읍니다.</translation>
    </message>
    <message>
        <source> em</source>
        <translation>em</translation>
    </message>
    <message>
        <source>The width of the column, in em (one Hangul syllable is an em wide): 46 em hold about 40 syllables of Korean prose, or 80–90 Latin letters.</source>
        <translation>단의 너비(em 단위, 한글 한 글자가 1em)입니다. 46em이면 한국어 문장은 약 40자, 라틴 문자는 80~90자가 들어갑니다.</translation>
    </message>
    <message>
        <source>Line width</source>
        <translation>줄 너비</translation>
    </message>
    <message>
        <source>&amp;Family:</source>
        <translation>글꼴(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>크기(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Line height:</source>
        <translation>줄 높이(&amp;L):</translation>
    </message>
    <message>
        <source>Line &amp;width:</source>
        <translation>줄 너비(&amp;W):</translation>
    </message>
</context>
<context>
    <name>LibrarySearchDialog</name>
    <message>
        <source>in {section}</source>
        <translation>위치: {section}</translation>
    </message>
    <message>
        <source>Move through the results</source>
        <translation>결과 사이를 이동</translation>
    </message>
    <message>
        <source>Open the chosen post at the match</source>
        <translation>고른 글을 찾은 곳에서 열기</translation>
    </message>
    <message>
        <source>Library search</source>
        <translation>모든 글 검색</translation>
    </message>
    <message numerus="yes">
        <source>%Ln post(s) match</source>
        <translation>
            <numerusform>글 %Ln개가 일치합니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (the first %Ln are shown)</source>
        <translation>
            <numerusform> (처음 %Ln개를 보여 줍니다)</numerusform>
        </translation>
    </message>
    <message>
        <source>Search the Library</source>
        <translation>모든 글에서 검색</translation>
    </message>
    <message>
        <source>Search every post of the folder</source>
        <translation>폴더의 모든 글에서 검색</translation>
    </message>
    <message>
        <source>Search every post</source>
        <translation>모든 글에서 검색</translation>
    </message>
    <message>
        <source>Matching posts</source>
        <translation>일치하는 글</translation>
    </message>
    <message>
        <source>No posts match</source>
        <translation>일치하는 글이 없습니다</translation>
    </message>
</context>
<context>
    <name>LinkPolicy</name>
    <message>
        <source>Left out of the mail link: {fields} (it could attach a local file).</source>
        <translation>메일 링크에서 {fields} 항목은 뺐습니다 (내 컴퓨터의 파일을 첨부할 수 있어서).</translation>
    </message>
    <message>
        <source>This link points to a local file, which Note Viewer does not open:</source>
        <translation>이 링크는 내 컴퓨터의 파일을 가리킵니다. Note Viewer는 이런 파일을 열지 않습니다:</translation>
    </message>
    <message>
        <source>This link is not a web address:
{link}

Hand it to the system anyway?</source>
        <translation>이 링크는 웹 주소가 아닙니다:
{link}

그래도 시스템에 넘길까요?</translation>
    </message>
</context>
<context>
    <name>LinksModel</name>
    <message>
        <source>SlideShare deck</source>
        <translation>SlideShare 슬라이드</translation>
    </message>
    <message>
        <source>SlideShare profile</source>
        <translation>SlideShare 프로필</translation>
    </message>
    <message>
        <source>YouTube video</source>
        <translation>YouTube 동영상</translation>
    </message>
    <message>
        <source>YouTube playlist</source>
        <translation>YouTube 재생목록</translation>
    </message>
    <message>
        <source>YouTube channel</source>
        <translation>YouTube 채널</translation>
    </message>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>Another post</source>
        <translation>다른 글</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>이메일 주소</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>웹 페이지</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>링크</translation>
    </message>
    <message>
        <source>Cited</source>
        <translation>인용</translation>
    </message>
    <message>
        <source>How many times the post cites the link (click the link: each citation in turn)</source>
        <translation>글에서 이 링크를 인용한 횟수 (링크를 누를 때마다 인용한 곳을 차례로 보여 줍니다)</translation>
    </message>
    <message>
        <source>in {section}</source>
        <translation>위치: {section}</translation>
    </message>
    <message numerus="yes">
        <source>cited %n time(s)</source>
        <translation>
            <numerusform>%n번 인용</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinksPanel</name>
    <message>
        <source>Open the link in the browser</source>
        <translation>링크를 브라우저에서 열기</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>링크</translation>
    </message>
    <message>
        <source>The links of the post; choosing one goes to where it is cited, Enter opens it</source>
        <translation>글에 나오는 링크. 고르면 인용한 곳으로 가고, Enter를 누르면 링크를 엽니다</translation>
    </message>
    <message>
        <source>No links in this post.</source>
        <translation>이 글에는 링크가 없습니다.</translation>
    </message>
    <message>
        <source>No links match the search.</source>
        <translation>검색과 일치하는 링크가 없습니다.</translation>
    </message>
    <message>
        <source>Open in Browser</source>
        <translation>브라우저에서 열기</translation>
    </message>
    <message>
        <source>Go to Citation</source>
        <translation>인용한 곳으로 이동</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL 복사</translation>
    </message>
    <message>
        <source>Copy as Markdown Link</source>
        <translation>마크다운 링크로 복사</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OPML (*.opml)</source>
        <translation>OPML 파일 (*.opml)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>마크다운 (*.md)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML 파일 (*.html)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>텍스트 (*.txt)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Indexing %v / %m</source>
        <translation>색인 만드는 중 %v / %m</translation>
    </message>
    <message>
        <source>Indexing the folder</source>
        <translation>폴더 색인 만드는 중</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} 여는 중…</translation>
    </message>
    <message>
        <source>A long post takes a second or two.</source>
        <translation>긴 글은 1~2초 걸립니다.</translation>
    </message>
    <message numerus="yes">
        <source>The outline shows the first {shown} of %Ln matching node(s); type more to narrow the search.</source>
        <translation>
            <numerusform>개요에는 일치하는 항목 %Ln개 가운데 처음 {shown}개만 보입니다. 검색어를 더 입력해 범위를 좁히세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading {folder}…</source>
        <translation>{folder} 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the folder…</source>
        <translation>폴더를 읽는 중…</translation>
    </message>
    <message>
        <source>The posts of {folder} are listed on the left.</source>
        <translation>{folder}의 글 목록이 왼쪽에 나옵니다.</translation>
    </message>
    <message>
        <source>Markdown posts ({patterns});;All files (*)</source>
        <translation>마크다운 글 ({patterns});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open Post</source>
        <translation>글 열기</translation>
    </message>
    <message>
        <source>Open Folder or Jekyll Site</source>
        <translation>폴더나 Jekyll 사이트 열기</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message numerus="yes">
        <source>%Ln post(s) in {folder} (Ctrl+Shift+F searches them)</source>
        <translation>
            <numerusform>{folder}에 글 %Ln개 (Ctrl+Shift+F로 모두 검색)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Indexing {done} of %Ln post(s)…</source>
        <translation>
            <numerusform>글 %Ln개 가운데 {done}개 색인하는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>The library index could not be updated: {problem}</source>
        <translation>글 색인을 갱신하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Open a folder first.</source>
        <translation>먼저 폴더를 여세요.</translation>
    </message>
    <message>
        <source>Searching {folder}</source>
        <translation>{folder}에서 검색</translation>
    </message>
    <message>
        <source>Open a post first.</source>
        <translation>먼저 글을 여세요.</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>{file}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Choose another file: exporting never overwrites the post.</source>
        <translation>다른 파일을 고르세요. 내보내기는 글 파일을 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Could not write {file}:</source>
        <translation>{file}에 쓰지 못했습니다:</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Exported the map to {file}</source>
        <translation>마인드맵을 {file}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>{name} 정보</translation>
    </message>
    <message>
        <source>A reader for Jekyll Markdown posts: outline, rendered post, links and search.</source>
        <translation>Jekyll 마크다운 글을 읽는 프로그램입니다. 개요, 본문, 링크, 검색을 한 창에서 봅니다.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit the map to the window (F)</source>
        <translation>마인드맵을 창에 맞추기 (F)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>축소 (-, Ctrl+휠)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>확대 (+, Ctrl+휠)</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>실제 크기</translation>
    </message>
    <message>
        <source>Actual size (0)</source>
        <translation>실제 크기 (0)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Levels shown</source>
        <translation>보여 줄 단계</translation>
    </message>
    <message>
        <source>How many levels below the centre the map shows</source>
        <translation>마인드맵이 가운데에서 몇 단계 아래까지 보여 줄지</translation>
    </message>
    <message>
        <source>One side</source>
        <translation>한쪽으로</translation>
    </message>
    <message>
        <source>Branches on one side of the centre, or balanced on both</source>
        <translation>가지를 가운데의 한쪽에만 둘지, 양쪽에 고르게 둘지</translation>
    </message>
    <message>
        <source>The outline of the post as a map</source>
        <translation>글의 개요를 그린 마인드맵</translation>
    </message>
    <message numerus="yes">
        <source>Ringed: {node} (folded: %n node(s) hidden)</source>
        <translation>
            <numerusform>표시된 항목: {node} (접힘: 항목 %n개 숨김)</numerusform>
        </translation>
    </message>
    <message>
        <source>Ringed: {node}</source>
        <translation>표시된 항목: {node}</translation>
    </message>
    <message>
        <source>all levels</source>
        <translation>모든 단계</translation>
    </message>
    <message numerus="yes">
        <source>%n level(s)</source>
        <translation>
            <numerusform>%n단계</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln node(s)</source>
        <translation>
            <numerusform>항목 %Ln개 중 {shown}개</numerusform>
        </translation>
    </message>
    <message>
        <source>Focus on This Branch</source>
        <translation>이 가지에 집중</translation>
    </message>
    <message>
        <source>Unfold</source>
        <translation>펼치기</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>접기</translation>
    </message>
    <message>
        <source>Show the Whole Post</source>
        <translation>글 전체 보기</translation>
    </message>
    <message>
        <source>Fit to Window</source>
        <translation>창에 맞추기</translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message numerus="yes">
        <source>%n hidden — click to unfold</source>
        <translation>
            <numerusform>%n개 숨김 — 누르면 펼칩니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to fold</source>
        <translation>누르면 접습니다</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>실제 크기</translation>
    </message>
    <message>
        <source>Fit the map to the window</source>
        <translation>마인드맵을 창에 맞추기</translation>
    </message>
    <message>
        <source>Fold or unfold the ringed node</source>
        <translation>표시된 항목 접기·펼치기</translation>
    </message>
    <message>
        <source>Focus on the ringed node&apos;s branch</source>
        <translation>표시된 항목의 가지에 집중</translation>
    </message>
    <message>
        <source>Mind map</source>
        <translation>마인드맵</translation>
    </message>
</context>
<context>
    <name>MathTexts</name>
    <message numerus="yes">
        <source>longer than %Ln character(s)</source>
        <translation>
            <numerusform>%Ln자보다 깁니다</numerusform>
        </translation>
    </message>
    <message>
        <source>it holds Korean or other CJK text, which the formula font has no letters for</source>
        <translation>수식 글꼴에 없는 한글이나 한자가 들어 있습니다</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>너무 깊이 겹쳐 있습니다</translation>
    </message>
    <message>
        <source>the typesetter gave no size</source>
        <translation>조판기가 크기를 알려 주지 않았습니다</translation>
    </message>
    <message>
        <source>the formula is empty</source>
        <translation>수식이 비어 있습니다</translation>
    </message>
    <message>
        <source>the typesetter could not read it</source>
        <translation>조판기가 읽지 못했습니다</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>테마(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
</context>
<context>
    <name>OtherPrograms</name>
    <message>
        <source>The command that opens a post for editing; empty for the system&apos;s default program for Markdown files. {path} is replaced by the post&apos;s file and {line} by the line of the node chosen in the tree, e.g.  code -g {path}:{line}  or  gedit +{line} {path}</source>
        <translation>글을 편집할 때 실행할 명령입니다. 비워 두면 시스템이 마크다운 파일에 쓰는 기본 프로그램으로 엽니다. {path}는 글 파일로, {line}은 개요에서 고른 항목의 줄 번호로 바뀝니다. 예:  code -g {path}:{line}  또는  gedit +{line} {path}</translation>
    </message>
    <message>
        <source>Open a post first.</source>
        <translation>먼저 글을 여세요.</translation>
    </message>
    <message>
        <source>The editor command cannot be read: {problem}</source>
        <translation>편집기 명령을 읽을 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>Could not start the editor “{program}” (Edit ▸ Preferences…)</source>
        <translation>편집기 “{program}”을(를) 실행하지 못했습니다 (편집 ▸ 환경 설정…)</translation>
    </message>
    <message>
        <source>No program opens Markdown files here: choose an editor in Edit ▸ Preferences…</source>
        <translation>이 컴퓨터에는 마크다운 파일을 여는 프로그램이 없습니다. 편집 ▸ 환경 설정…에서 편집기를 고르세요</translation>
    </message>
    <message>
        <source>Choose a node in the outline first.</source>
        <translation>먼저 개요에서 항목을 고르세요.</translation>
    </message>
    <message>
        <source>Copied the branch as Markdown (lines: {count}).</source>
        <translation>가지를 마크다운으로 복사했습니다 ({count}줄).</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <source>Copy Text</source>
        <translation>글자 복사</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>(empty)</source>
        <translation>(비어 있음)</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Expand every node</source>
        <translation>모든 항목 펼치기</translation>
    </message>
    <message>
        <source>Collapse every node</source>
        <translation>모든 항목 접기</translation>
    </message>
    <message>
        <source>Copy the branch as Markdown</source>
        <translation>가지를 마크다운으로 복사</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>The post&apos;s headings and bullets; choosing one goes there</source>
        <translation>글의 제목과 글머리 항목. 고르면 그곳으로 갑니다</translation>
    </message>
    <message>
        <source>Focus on This Branch</source>
        <translation>이 가지에 집중</translation>
    </message>
    <message>
        <source>Widen the Focus</source>
        <translation>집중 범위 넓히기</translation>
    </message>
    <message>
        <source>Show the Whole Post</source>
        <translation>글 전체 보기</translation>
    </message>
</context>
<context>
    <name>PlaceNote</name>
    <message>
        <source>Start from the top</source>
        <translation>처음부터 읽기</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Dismiss the note</source>
        <translation>알림 닫기</translation>
    </message>
    <message>
        <source>↩ Back to where you were: {place}</source>
        <translation>↩ 읽던 곳으로 돌아왔습니다: {place}</translation>
    </message>
</context>
<context>
    <name>PostCounts</name>
    <message numerus="yes">
        <source>%Ln heading(s)</source>
        <translation>
            <numerusform>제목 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>항목 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln단어</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min read</source>
        <translation>
            <numerusform>읽는 데 %n분</numerusform>
        </translation>
    </message>
    <message>
        <source>This branch: {branch}   (whole post: {post})</source>
        <translation>이 가지: {branch}   (글 전체: {post})</translation>
    </message>
</context>
<context>
    <name>PostDocumentTexts</name>
    <message numerus="yes">
        <source>This post has %Ln list item(s); the preview shows the first {shown}, the outline and the links all of them; search counts the matches in all of it and shows those in the part shown.</source>
        <translation>
            <numerusform>이 글에는 목록 항목이 %Ln개 있습니다. 본문에는 처음 {shown}개만 보이고, 개요와 링크에는 모두 있습니다. 검색은 글 전체에서 일치하는 곳을 세고 보이는 부분에서만 표시합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview ends here. The rest of the post is not laid out; search counts the matches in it.</source>
        <translation>미리 보기는 여기까지입니다. 글의 나머지는 배치하지 않았고, 검색은 그 부분의 일치 항목도 셉니다.</translation>
    </message>
    <message>
        <source>This post has more elements, elements nested deeper or more text than the preview lays out ({limit} elements, {depth} levels, {length} characters of HTML); the rest of it is shown as plain text.</source>
        <translation>이 글은 미리 보기가 배치하는 것보다 요소가 많거나, 더 깊이 중첩되어 있거나, 글이 깁니다(요소 {limit}개, {depth}단계, HTML {length}자). 나머지는 일반 텍스트로 표시합니다.</translation>
    </message>
    <message>
        <source>The preview shows the first {shown} characters of that text, not the last {left}; search counts the matches in all of it.</source>
        <translation>그 텍스트 중 앞의 {shown}자만 보여 주고 뒤의 {left}자는 보여 주지 않습니다. 검색은 전체에서 일치 항목을 셉니다.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula(s) shown as TeX ({formula}: {why}).</source>
        <translation>
            <numerusform>수식 %Ln개를 TeX 그대로 보여 줍니다 ({formula}: {why}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln formula(s) shown as TeX: typesetting them all would take too long.</source>
        <translation>
            <numerusform>수식 %Ln개를 TeX 그대로 보여 줍니다. 모두 조판하면 너무 오래 걸립니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>불러오지 않음</translation>
    </message>
    <message>
        <source>not loaded: the post&apos;s images take too much memory</source>
        <translation>불러오지 않음: 글의 그림이 메모리를 너무 많이 차지합니다</translation>
    </message>
    <message numerus="yes">
        <source>; and %Ln more</source>
        <translation>
            <numerusform>; 그 밖에 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) not shown: {images}</source>
        <translation>
            <numerusform>그림 %Ln개를 보여 주지 못했습니다: {images}</numerusform>
        </translation>
    </message>
    <message>
        <source>not an image that can be read ({problem})</source>
        <translation>읽을 수 있는 그림이 아닙니다 ({problem})</translation>
    </message>
    <message>
        <source>Image {name}: {why}</source>
        <translation>그림 {name}: {why}</translation>
    </message>
</context>
<context>
    <name>PostHeader</name>
    <message>
        <source>In {categories}:</source>
        <translation>{categories}에서:</translation>
    </message>
</context>
<context>
    <name>PostMessages</name>
    <message>
        <source>The file is not UTF-8; it was read as {encoding}.</source>
        <translation>UTF-8 파일이 아니어서 {encoding}(으)로 읽었습니다.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>빈 파일입니다.</translation>
    </message>
    <message>
        <source>The front matter {problem}; it was ignored.</source>
        <translation>머리말(front matter)이 {problem}. 머리말은 무시했습니다.</translation>
    </message>
    <message>
        <source>The site settings file {path} {problem}; it was ignored.</source>
        <translation>사이트 설정 파일 {path}이(가) {problem}. 설정은 무시했습니다.</translation>
    </message>
    <message>
        <source>is not valid YAML ({detail})</source>
        <translation>올바른 YAML이 아닙니다({detail})</translation>
    </message>
    <message>
        <source>expands to more than {count} characters through its aliases</source>
        <translation>별칭(alias)으로 {count}자 넘게 불어납니다</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>읽을 수 없습니다({why})</translation>
    </message>
    <message>
        <source>Line 1: the front matter is opened with &apos;---&apos; but never closed.</source>
        <translation>1행: 머리말이 &apos;---&apos;로 열렸지만 닫히지 않았습니다.</translation>
    </message>
    <message>
        <source>The front matter date {date} is not a date Jekyll understands.</source>
        <translation>머리말의 날짜 {date}은(는) Jekyll이 읽을 수 있는 날짜가 아닙니다.</translation>
    </message>
    <message>
        <source>this is a binary file, not a Markdown post</source>
        <translation>Markdown 글이 아니라 바이너리 파일입니다</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: 파일이 없습니다</translation>
    </message>
    <message>
        <source>{path}: cannot read it ({why})</source>
        <translation>{path}: 읽을 수 없습니다({why})</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a post</source>
        <translation>{path}: 글이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>{path}: is not a regular file</source>
        <translation>{path}: 일반 파일이 아닙니다</translation>
    </message>
    <message>
        <source>{path}: is {size} MB; posts larger than {limit} MB are not opened</source>
        <translation>{path}: {size} MB입니다. {limit} MB보다 큰 글은 열지 않습니다</translation>
    </message>
    <message>
        <source>{path}: the file disappeared while it was being read</source>
        <translation>{path}: 읽는 동안 파일이 사라졌습니다</translation>
    </message>
    <message>
        <source>Line {line}: lists or quotes nested deeper than {levels} levels are shown as plain text.</source>
        <translation>{line}행: {levels}단계보다 깊이 중첩된 목록이나 인용은 일반 텍스트로 보여 줍니다.</translation>
    </message>
    <message>
        <source>Line {line}: markup nested deeper than {levels} levels is shown as text.</source>
        <translation>{line}행: {levels}단계보다 깊이 중첩된 마크업은 텍스트로 보여 줍니다.</translation>
    </message>
    <message>
        <source>Line {line} on: the post has more markup than can be shown in good time; the rest of its text is shown without formatting.</source>
        <translation>{line}행부터: 제때 보여 줄 수 있는 것보다 마크업이 많아 나머지 글은 서식 없이 보여 줍니다.</translation>
    </message>
    <message>
        <source>Line {line} on: the post has more than {count} blocks (paragraphs, list items, table cells, HTML tags); the rest of it is shown as written, without formatting.</source>
        <translation>{line}행부터: 블록(문단, 목록 항목, 표 칸, HTML 태그)이 {count}개를 넘어 나머지는 서식 없이 쓰인 그대로 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>PostView</name>
    <message>
        <source>Go to the start of the post</source>
        <translation>글의 처음으로</translation>
    </message>
    <message>
        <source>Go to the end of the post</source>
        <translation>글의 끝으로</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>본문</translation>
    </message>
    <message>
        <source>This post cannot be shown</source>
        <translation>이 글을 보여 줄 수 없습니다</translation>
    </message>
</context>
<context>
    <name>PostWatcher</name>
    <message>
        <source>{name} was deleted or moved; showing the last version read.</source>
        <translation>{name} 파일이 지워졌거나 옮겨졌습니다. 마지막으로 읽은 내용을 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>PostsPanel</name>
    <message>
        <source>Newest first</source>
        <translation>최신순</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>오래된순</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목순</translation>
    </message>
    <message>
        <source>From the filter box: into the list</source>
        <translation>거르기 상자에서: 목록으로 이동</translation>
    </message>
    <message>
        <source>From the filter box: open the chosen or the first post</source>
        <translation>거르기 상자에서: 고른 글이나 첫 글 열기</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>거르기 지우기</translation>
    </message>
    <message>
        <source>Post list</source>
        <translation>글 목록</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>날짜 없음</translation>
    </message>
    <message>
        <source>DRAFT</source>
        <translation>초안</translation>
    </message>
    <message>
        <source>⚠ cannot be shown</source>
        <translation>⚠ 보여 줄 수 없음</translation>
    </message>
    <message>
        <source>Filter posts by title</source>
        <translation>제목으로 글 거르기</translation>
    </message>
    <message>
        <source>Filter posts</source>
        <translation>글 거르기</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>카테고리</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>정렬</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>글 목록</translation>
    </message>
    <message>
        <source>The posts of the folder; choosing one opens it</source>
        <translation>폴더에 있는 글. 고르면 그 글을 엽니다</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>모든 카테고리</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>모든 태그</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>모든 연도</translation>
    </message>
    <message numerus="yes">
        <source>%Ln post(s)</source>
        <translation>
            <numerusform>글 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln post(s)</source>
        <translation>
            <numerusform>글 %Ln개 중 {shown}개</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>경로 복사</translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation>들어 있는 폴더 열기</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print — {title}</source>
        <translation>인쇄 — {title}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>인쇄할 쪽(&amp;S):</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Go to the next match</source>
        <translation>다음 일치 항목으로</translation>
    </message>
    <message>
        <source>Go to the previous match</source>
        <translation>이전 일치 항목으로</translation>
    </message>
    <message>
        <source>Match case on or off</source>
        <translation>대소문자 구분 켜기·끄기</translation>
    </message>
    <message>
        <source>Whole word on or off</source>
        <translation>단어 단위 켜기·끄기</translation>
    </message>
    <message>
        <source>Regular expression on or off</source>
        <translation>정규식 켜기·끄기</translation>
    </message>
    <message>
        <source>Search box</source>
        <translation>검색 상자</translation>
    </message>
    <message>
        <source>Search in post (Ctrl+F)</source>
        <translation>글에서 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search in post</source>
        <translation>글에서 검색</translation>
    </message>
    <message>
        <source>Finds text in the post, the outline and the links as you type; Enter: the next match</source>
        <translation>입력하는 대로 본문, 개요, 링크에서 찾습니다. Enter: 다음 일치 항목</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>대소문자 구분</translation>
    </message>
    <message>
        <source>find only text with the same capitals</source>
        <translation>대문자와 소문자까지 같은 글자만 찾습니다</translation>
    </message>
    <message>
        <source>Whole word</source>
        <translation>단어 단위</translation>
    </message>
    <message>
        <source>find the query only as a whole word</source>
        <translation>검색어를 온전한 단어로만 찾습니다</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>정규식</translation>
    </message>
    <message>
        <source>read the query as a regular expression (Python syntax)</source>
        <translation>검색어를 정규식(Python 문법)으로 읽습니다</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>이전 일치 항목 (Shift+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>이전 일치 항목</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>다음 일치 항목 (F3, Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>다음 일치 항목</translation>
    </message>
    <message>
        <source>⚠ invalid</source>
        <translation>⚠ 잘못된 식</translation>
    </message>
    <message numerus="yes">
        <source>Match {number} of %Ln</source>
        <translation>
            <numerusform>일치 항목 %Ln개 중 {number}번째</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>일치 없음</translation>
    </message>
    <message>
        <source>Clear the search and go back to the post</source>
        <translation>검색을 지우고 글로 돌아가기</translation>
    </message>
    <message numerus="yes">
        <source>(+%Ln further on)</source>
        <translation>
            <numerusform>(뒤에 %Ln곳 더)</numerusform>
        </translation>
    </message>
    <message>
        <source>None shown</source>
        <translation>보이는 곳 없음</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more match(es) in the part of the post the preview does not show</source>
        <translation>
            <numerusform>본문에 보이지 않는 뒷부분에 일치하는 곳이 %Ln곳 더 있습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing in this post matches the search.</source>
        <translation>이 글에는 검색과 일치하는 곳이 없습니다.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Anywhere in the window</source>
        <translation>창 어디에서나</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Find a command or a key</source>
        <translation>명령이나 키 찾기</translation>
    </message>
    <message>
        <source>Find a shortcut</source>
        <translation>단축키 찾기</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키 목록</translation>
    </message>
</context>
<context>
    <name>SingleInstanceTexts</name>
    <message numerus="yes">
        <source>%n more file(s) were given; File ▸ Open Recent lists the first {listed}.</source>
        <translation>
            <numerusform>파일이 %n개 더 주어졌습니다. 파일 ▸ 최근 파일 열기에 처음 {listed}개가 있습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more file(s) were given; File ▸ Open Recent lists them.</source>
        <translation>
            <numerusform>파일이 %n개 더 주어졌습니다. 파일 ▸ 최근 파일 열기에 있습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ViewOptions</name>
    <message>
        <source>The language changes when Note Viewer starts again.</source>
        <translation>언어는 Note Viewer를 다시 시작하면 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>WarningBar</name>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Dismiss the warning</source>
        <translation>경고 닫기</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Something went wrong: {problem}</source>
        <translation>문제가 생겼습니다: {problem}</translation>
    </message>
</context>
</TS>
