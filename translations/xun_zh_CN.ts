<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IndexText</name>
    <message numerus="yes">
        <source>%1 of %Ln file(s), %2</source>
        <comment>files done of files found, then the chunks written</comment>
        <translation>
            <numerusform>%1/%Ln 个文件，%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln 个片段</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 files/s, %2 chunks/s</source>
        <translation>每秒 %1 个文件，%2 个片段</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>正在估算剩余时间…</translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <translation>还剩几秒</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>大约还剩 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>大约还剩 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>大约还剩 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 indexed</source>
        <translation>已索引 %1 个</translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation>未变更 %1 个</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>跳过 %1 个</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>失败 %1 个</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>移除 %1 个</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separates the counts of a report</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Cancelled after %1 s — %2: %3</source>
        <translation>已在 %1 秒后取消 — %2：%3</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s</source>
        <comment>480 files: 470 indexed, ... in 12.3 s</comment>
        <translation>%1：%2，用时 %3 秒</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在索引</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>监视中</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>LabPool</name>
    <message>
        <source>The candidates are keyword matches only: %1</source>
        <translation>候选段落仅来自关键词匹配：%1</translation>
    </message>
    <message>
        <source>The candidates are keyword matches only: no embedding model is loaded.</source>
        <translation>候选段落仅来自关键词匹配：未加载嵌入模型。</translation>
    </message>
</context>
<context>
    <name>LabRunner</name>
    <message>
        <source>No embedding model is loaded: choose one in Settings, or give this variant a model file.</source>
        <translation>未加载嵌入模型：请在设置中选择一个，或为此变体指定模型文件。</translation>
    </message>
    <message>
        <source>No reranker is loaded: choose one in Settings, or give this variant a reranker file.</source>
        <translation>未加载重排序模型：请在设置中选择一个，或为此变体指定重排序模型文件。</translation>
    </message>
    <message>
        <source>%1 is a reranker, not an embedding model.</source>
        <translation>%1 是重排序模型，不是嵌入模型。</translation>
    </message>
    <message>
        <source>%1 is an embedding model, not a reranker.</source>
        <translation>%1 是嵌入模型，不是重排序模型。</translation>
    </message>
    <message>
        <source>Variant %1: loading the models</source>
        <translation>变体 %1：正在加载模型</translation>
    </message>
    <message>
        <source>Variant %1: embedding passages (%2 of %3)</source>
        <translation>变体 %1：正在嵌入段落（%2/%3）</translation>
    </message>
    <message>
        <source>Variant %1: reranking (%2 of %3)</source>
        <translation>变体 %1：正在重排序（%2/%3）</translation>
    </message>
    <message>
        <source>Finding candidate passages</source>
        <translation>正在查找候选段落</translation>
    </message>
</context>
<context>
    <name>xun::gui::ChunkTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>xun::gui::DateFilter</name>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Past week</source>
        <translation>过去一周</translation>
    </message>
    <message>
        <source>Past month</source>
        <translation>过去一个月</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>过去一年</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <source>Only files modified in this period</source>
        <translation>仅限在此期间修改的文件</translation>
    </message>
    <message>
        <source>Modified on or after this day</source>
        <translation>在此日期当天或之后修改</translation>
    </message>
    <message>
        <source>Modified on or before this day</source>
        <translation>在此日期当天或之前修改</translation>
    </message>
</context>
<context>
    <name>xun::gui::DocumentTreeModel</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>xun::gui::DownloadPanel</name>
    <message>
        <source>Paused. Download again to continue where it stopped.</source>
        <translation>已暂停。再次下载即可从中断处继续。</translation>
    </message>
    <message>
        <source>The mirror address is not a valid URL: %1</source>
        <translation>镜像地址不是有效的 URL：%1</translation>
    </message>
    <message>
        <source>Asking %1 for the file list of %2…</source>
        <translation>正在向 %1 获取 %2 的文件列表…</translation>
    </message>
    <message>
        <source>%1 of %2 · %3/s · %4</source>
        <translation>%1/%2 · %3/s · %4</translation>
    </message>
    <message>
        <source>Downloaded and verified: %1</source>
        <translation>已下载并校验：%1</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>ModelScope serves the same models from mainland China</source>
        <translation>ModelScope 在中国大陆提供相同的模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Mirror (optional)</source>
        <translation>镜像（可选）</translation>
    </message>
    <message>
        <source>A server with the same API as the site, e.g. a Hugging Face mirror</source>
        <translation>与该站点 API 相同的服务器，例如 Hugging Face 镜像</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>xun::gui::FailuresModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was not indexed</source>
        <translation>未编入索引的原因</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <comment>a file not read, then why: too large, binary, a FIFO ...</comment>
        <translation>已跳过：%1</translation>
    </message>
</context>
<context>
    <name>xun::gui::FailuresPanel</name>
    <message numerus="yes">
        <source>%Ln file(s) failed in the last runs</source>
        <translation>
            <numerusform>最近几次运行中有 %Ln 个文件失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) not indexed in the last runs: %1 failed, %2 skipped</source>
        <translation>
            <numerusform>最近几次运行中有 %Ln 个文件未编入索引：%1 个失败，%2 个已跳过</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected files (or all of them) with their reasons</source>
        <translation>复制所选文件（未选择时复制全部）及其原因</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Show the selected file in the file manager</source>
        <translation>在文件管理器中显示所选文件</translation>
    </message>
</context>
<context>
    <name>xun::gui::FileActions</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Could not open %1: no application is set up to open this type of file.</source>
        <translation>无法打开 %1：没有设置用来打开这类文件的应用程序。</translation>
    </message>
    <message>
        <source>Could not open %1: the file is no longer there.</source>
        <translation>无法打开 %1：文件已不在原处。</translation>
    </message>
    <message>
        <source>Could not show %1 in its folder: no file manager is available.</source>
        <translation>无法在文件夹中显示 %1：没有可用的文件管理器。</translation>
    </message>
</context>
<context>
    <name>xun::gui::FirstRunBanner</name>
    <message>
        <source>Add a folder to search its files. Xun reads them on this computer; nothing leaves it.</source>
        <translation>添加文件夹即可搜索其中的文件。Xun 只在本机读取这些文件，任何内容都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>Keyword search already works. To search by meaning (semantic and hybrid search), download or locate a Qwen3-Embedding model in Settings; a Qwen3-Reranker model makes the best results more precise.</source>
        <translation>关键词搜索已可使用。若要按含义搜索（语义搜索和混合搜索），请在设置中下载或指定 Qwen3-Embedding 模型；Qwen3-Reranker 模型可使排在前面的结果更精确。</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Choose a folder to index</source>
        <translation>选择要索引的文件夹</translation>
    </message>
    <message>
        <source>Download or locate a model…</source>
        <translation>下载或指定模型…</translation>
    </message>
    <message>
        <source>Open the model settings</source>
        <translation>打开模型设置</translation>
    </message>
</context>
<context>
    <name>xun::gui::FoldersModel</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>No indexing run over this folder has finished yet</source>
        <translation>此文件夹尚未完成过索引</translation>
    </message>
    <message>
        <source>Index changes to this folder&apos;s files as they happen</source>
        <translation>此文件夹中的文件一有变更即重新索引</translation>
    </message>
    <message>
        <source>Files that failed in the last run: see the list below</source>
        <translation>上次运行中失败的文件：见下方列表</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>片段数</translation>
    </message>
    <message>
        <source>Last indexed</source>
        <translation>上次索引</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败数</translation>
    </message>
</context>
<context>
    <name>xun::gui::FoldersPage</name>
    <message>
        <source>Add a folder to the index</source>
        <translation>将文件夹添加到索引</translation>
    </message>
    <message>
        <source>Remove “%1” from the index?</source>
        <translation>要从索引中移除“%1”吗？</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n folder(s) from the index?</source>
        <translation>
            <numerusform>要从索引中移除 %n 个文件夹吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from the index</source>
        <translation>从索引中移除</translation>
    </message>
    <message>
        <source>Search will no longer find their files. The files on disk are not touched: only the index forgets them.</source>
        <translation>搜索将不再找到其中的文件。磁盘上的文件不会被改动，只是从索引中移除。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Could not read the index: %1</source>
        <translation>无法读取索引：%1</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Index a folder and everything in it (you can also drop folders here)</source>
        <translation>索引一个文件夹及其中的全部内容（也可以将文件夹拖放到此处）</translation>
    </message>
    <message>
        <source>Remove the selected folders from the index (files on disk stay)</source>
        <translation>从索引中移除所选文件夹（磁盘上的文件保留）</translation>
    </message>
    <message>
        <source>Re-index</source>
        <translation>重新索引</translation>
    </message>
    <message>
        <source>Index the selected folders again: new and changed files</source>
        <translation>再次索引所选文件夹中新增和变更的文件</translation>
    </message>
    <message>
        <source>Re-index all</source>
        <translation>全部重新索引</translation>
    </message>
    <message>
        <source>Index every folder again: new and changed files</source>
        <translation>再次索引所有文件夹中新增和变更的文件</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Go on indexing</source>
        <translation>继续索引</translation>
    </message>
    <message>
        <source>Hold indexing after the current file</source>
        <translation>当前文件完成后暂停索引</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop indexing; finished files stay in the index</source>
        <translation>停止索引；已完成的文件保留在索引中</translation>
    </message>
    <message>
        <source>Watch for changes</source>
        <translation>监视变更</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>No folders yet. Click “Add folder…” or drop a folder here: its files become searchable by keyword as soon as they are indexed, and by meaning once an embedding model is set up in Settings.</source>
        <translation>还没有文件夹。点击“添加文件夹…”或将文件夹拖放到此处：文件一经索引即可按关键词搜索；在设置中配置嵌入模型后，还可按含义搜索。</translation>
    </message>
    <message>
        <source>No embedding model: folders are indexed for keyword search. Choose or download a model in Settings to search by meaning; re-indexing then adds what it needs.</source>
        <translation>没有嵌入模型：文件夹仅为关键词搜索建立索引。在设置中选择或下载模型即可按含义搜索；之后重新索引会补充所需的内容。</translation>
    </message>
</context>
<context>
    <name>xun::gui::FormatNames</name>
    <message>
        <source>Text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Source code</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <source>OpenDocument (ODT)</source>
        <translation>OpenDocument (ODT)</translation>
    </message>
    <message>
        <source>EPUB</source>
        <translation>EPUB</translation>
    </message>
</context>
<context>
    <name>xun::gui::IndexService</name>
    <message>
        <source>%1 is being indexed by another program; try again when it has finished.</source>
        <translation>%1 正在被另一个程序索引；请在它完成后再试。</translation>
    </message>
    <message>
        <source>%1 is being indexed by %2 (process %3); try again when it has finished.</source>
        <translation>%1 正在被 %2（进程 %3）索引；请在它完成后再试。</translation>
    </message>
</context>
<context>
    <name>xun::gui::IndexProgressPanel</name>
    <message>
        <source>, </source>
        <comment>separates folder names</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>已暂停：%1</translation>
    </message>
    <message>
        <source>Indexing %1</source>
        <translation>正在索引 %1</translation>
    </message>
    <message>
        <source>Looking for files…</source>
        <translation>正在查找文件…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Indexing failed</source>
        <translation>索引失败</translation>
    </message>
    <message>
        <source>Indexing cancelled</source>
        <translation>索引已取消</translation>
    </message>
    <message>
        <source>Indexing finished</source>
        <translation>索引完成</translation>
    </message>
</context>
<context>
    <name>xun::gui::LabPage</name>
    <message>
        <source>Type a query to compare the variants on.</source>
        <translation>请输入用于比较各变体的查询。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The comparison was stopped.</source>
        <translation>比较已停止。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Could not compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>No passage matches this query. Index a folder, or try other words.</source>
        <translation>没有与此查询匹配的段落。请索引文件夹，或换用其他词语。</translation>
    </message>
    <message>
        <source>Every variant ranked the same candidate passages: %1.</source>
        <translation>所有变体对同一批候选段落排序：共 %1 个。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>查询：</translation>
    </message>
    <message>
        <source>A query to compare the variants on</source>
        <translation>用于比较各变体的查询</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Rank the same candidate passages with every variant</source>
        <translation>用每个变体对同一批候选段落排序</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show top:</source>
        <translation>显示条数：</translation>
    </message>
    <message>
        <source>How many results each variant lists; the metrics use whole rankings</source>
        <translation>每个变体列出的结果数；评估指标按完整排名计算</translation>
    </message>
    <message>
        <source>Add variant</source>
        <translation>添加变体</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the comparison as CSV or JSON</source>
        <translation>将比较结果保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>Type a query, set up the variants, and compare.</source>
        <translation>输入查询，设置各变体，然后进行比较。</translation>
    </message>
</context>
<context>
    <name>xun::gui::LibraryPage</name>
    <message>
        <source>passage %1 of %2</source>
        <translation>段落 %1/%2</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Cannot read the index: %1</source>
        <translation>无法读取索引：%1</translation>
    </message>
    <message>
        <source>Similar: %1</source>
        <translation>相似段落：%1</translation>
    </message>
    <message>
        <source>Nothing is indexed yet: add a folder on the Folders page.</source>
        <translation>尚未索引任何内容：请在“文件夹”页面添加文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 个文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n 个文件夹</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>显示 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by name or path</source>
        <translation>按名称或路径筛选</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Only documents of this type</source>
        <translation>仅限此类型的文档</translation>
    </message>
    <message>
        <source>Select a document to see its passages.</source>
        <translation>选择一个文档以查看其段落。</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n passage(s)</source>
        <translation>
            <numerusform>%1 · %n 个段落</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xun::gui::MainWindow</name>
    <message>
        <source>Indexing…</source>
        <translation>正在索引…</translation>
    </message>
    <message>
        <source>Indexing %1 of %2 files</source>
        <translation>正在索引：%1/%2 个文件</translation>
    </message>
    <message>
        <source>Xun — private semantic search</source>
        <translation>Xun — 私密语义搜索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Instruction lab</source>
        <translation>指令实验室</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Embedding: %1</source>
        <translation>嵌入模型：%1</translation>
    </message>
    <message>
        <source>No embedding model: keyword search only</source>
        <translation>无嵌入模型：仅可使用关键词搜索</translation>
    </message>
    <message>
        <source>Reranker: %1</source>
        <translation>重排序模型：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) failed to load</source>
        <translation>
            <numerusform>%n 个模型加载失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xun::gui::ModelPicker</name>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Choose a GGUF model file</source>
        <translation>选择 GGUF 模型文件</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>No embedding model: keyword search works; semantic search needs one.</source>
        <translation>无嵌入模型：可使用关键词搜索；语义搜索需要嵌入模型。</translation>
    </message>
    <message>
        <source>No reranker: results are ranked without reranking.</source>
        <translation>无重排序模型：结果不经重排序直接排名。</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>无法使用：%1</translation>
    </message>
    <message>
        <source>This is a reranker, not an embedding model.</source>
        <translation>这是重排序模型，不是嵌入模型。</translation>
    </message>
    <message>
        <source>This is an embedding model, not a reranker.</source>
        <translation>这是嵌入模型，不是重排序模型。</translation>
    </message>
    <message>
        <source>%1 · %2 layers · dimension %3 · %4 · %5 of weights · %6</source>
        <translation>%1 · %2 层 · 维度 %3 · %4 · 权重 %5 · %6</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>A model folder with config.json, tokenizer.json and *.safetensors</source>
        <translation>包含 config.json、tokenizer.json 和 *.safetensors 的模型文件夹</translation>
    </message>
    <message>
        <source>GGUF file…</source>
        <translation>GGUF 文件…</translation>
    </message>
</context>
<context>
    <name>xun::gui::PresetBar</name>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Choose a preset</source>
        <translation>选择预设</translation>
    </message>
    <message>
        <source>Load saved variants</source>
        <translation>加载已保存的变体</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>保存预设…</translation>
    </message>
    <message>
        <source>Save these variants under a name</source>
        <translation>将这些变体以指定名称保存</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>删除所选预设</translation>
    </message>
</context>
<context>
    <name>xun::gui::ResultDelegate</name>
    <message>
        <source>%1 · page %2</source>
        <translation>%1 · 第 %2 页</translation>
    </message>
</context>
<context>
    <name>xun::gui::ResultListModel</name>
    <message>
        <source>cosine %1</source>
        <translation>余弦 %1</translation>
    </message>
    <message>
        <source>BM25 %1</source>
        <translation>BM25 %1</translation>
    </message>
    <message>
        <source>fused %1</source>
        <translation>融合 %1</translation>
    </message>
    <message>
        <source>rerank %1</source>
        <translation>重排序 %1</translation>
    </message>
    <message>
        <source>Semantic similarity (cosine of the embeddings): %1</source>
        <translation>语义相似度（嵌入向量的余弦值）：%1</translation>
    </message>
    <message>
        <source>Keyword score (BM25, higher is better): %1</source>
        <translation>关键词分数（BM25，越高越好）：%1</translation>
    </message>
    <message>
        <source>Fused rank score (reciprocal rank fusion): %1</source>
        <translation>融合排名分数（倒数排名融合）：%1</translation>
    </message>
    <message>
        <source>Reranker: probability that the passage answers the query: %1</source>
        <translation>重排序模型：该段落能回答查询的概率：%1</translation>
    </message>
</context>
<context>
    <name>xun::gui::ScoreChart</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <source>Scores of the ranked passages</source>
        <translation>已排序段落的分数</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Scores by rank</source>
        <translation>各排名的分数</translation>
    </message>
    <message>
        <source>Score distribution (box plot)</source>
        <translation>分数分布（箱线图）</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchOptionsBar</name>
    <message>
        <source>All folders</source>
        <translation>所有文件夹</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Needs an embedding model: download or locate one in Settings</source>
        <translation>需要嵌入模型：请在设置中下载或指定</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>混合搜索</translation>
    </message>
    <message>
        <source>Semantic</source>
        <translation>语义搜索</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>关键词搜索</translation>
    </message>
    <message>
        <source>Meaning and keywords together (reciprocal rank fusion)</source>
        <translation>同时按含义和关键词搜索（倒数排名融合）</translation>
    </message>
    <message>
        <source>By meaning: the passages whose embeddings are nearest the query&apos;s</source>
        <translation>按含义：嵌入向量与查询最接近的段落</translation>
    </message>
    <message>
        <source>By words: full-text search ranked by BM25; needs no model</source>
        <translation>按字词：按 BM25 排序的全文搜索；无需模型</translation>
    </message>
    <message>
        <source>How to search</source>
        <translation>搜索方式</translation>
    </message>
    <message>
        <source>Keyword search only: %1</source>
        <translation>仅可使用关键词搜索：%1</translation>
    </message>
    <message>
        <source>Rerank</source>
        <translation>重排序</translation>
    </message>
    <message>
        <source>Score the best results again with the reranker model (slower, more precise)</source>
        <translation>用重排序模型为排在前面的结果重新评分（较慢，但更精确）</translation>
    </message>
    <message>
        <source>Needs a reranker model: download or locate one in Settings</source>
        <translation>需要重排序模型：请在设置中下载或指定</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Only files in this folder</source>
        <translation>仅限此文件夹中的文件</translation>
    </message>
    <message>
        <source>Only files of this type</source>
        <translation>仅限此类型的文件</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchPage</name>
    <message>
        <source>hybrid</source>
        <translation>混合搜索</translation>
    </message>
    <message>
        <source>semantic</source>
        <translation>语义搜索</translation>
    </message>
    <message>
        <source>keyword</source>
        <translation>关键词搜索</translation>
    </message>
    <message>
        <source>Add a folder to index</source>
        <translation>添加要索引的文件夹</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No folder is indexed yet: add one to search its files.</source>
        <translation>尚未索引任何文件夹：添加文件夹即可搜索其中的文件。</translation>
    </message>
    <message>
        <source>No results for “%1”.</source>
        <translation>未找到“%1”的结果。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in %1 ms</source>
        <translation>
            <numerusform>%n 个结果，用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The query is long: the models used its first %n token(s).</source>
        <translation>
            <numerusform>查询过长：模型只使用了前 %n 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <source>reranked</source>
        <translation>已重排序</translation>
    </message>
    <message>
        <source>Keyword results only: %1</source>
        <translation>仅有关键词搜索结果：%1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Cannot read the index: %1</source>
        <translation>无法读取索引：%1</translation>
    </message>
    <message>
        <source>Indexing %1… Keyword search finds its files as they come in.</source>
        <translation>正在索引 %1… 文件一经索引即可通过关键词搜索找到。</translation>
    </message>
    <message>
        <source>Search your files (Ctrl+K)</source>
        <translation>搜索文件（Ctrl+K）</translation>
    </message>
    <message>
        <source>Type to search; ↑ and ↓ choose a result, Enter opens it</source>
        <translation>输入即可搜索；按 ↑ 和 ↓ 选择结果，按 Enter 打开</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchPreview</name>
    <message>
        <source>Select a result to read it in its document.</source>
        <translation>选择一个结果，即可在其所在文档中阅读。</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>passage %1 of %2</source>
        <translation>段落 %1/%2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the file with its application</source>
        <translation>用关联的应用程序打开文件</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Show the file in the file manager</source>
        <translation>在文件管理器中显示文件</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path to the clipboard</source>
        <translation>将文件路径复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>xun::gui::SettingsPage</name>
    <message>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Automatic (the fastest device)</source>
        <translation>自动（最快的设备）</translation>
    </message>
    <message>
        <source>CPU backend · %1 cores · %2 · %3 · %4</source>
        <translation>CPU 后端 · %1 核 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>%1: %2 (CPU backend)</source>
        <translation>%1：%2（CPU 后端）</translation>
    </message>
    <message>
        <source>No Vulkan device could be listed: %1</source>
        <translation>无法列出 Vulkan 设备：%1</translation>
    </message>
    <message>
        <source>Embedding model loaded: %1</source>
        <translation>已加载嵌入模型：%1</translation>
    </message>
    <message>
        <source>Reranker loaded: %1</source>
        <translation>已加载重排序模型：%1</translation>
    </message>
    <message>
        <source>Running on %1</source>
        <translation>运行于 %1</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>未加载：%1</translation>
    </message>
    <message>
        <source>No model loaded: keyword search works; pick or download a model for semantic search.</source>
        <translation>未加载模型：可使用关键词搜索；如需语义搜索，请选择或下载模型。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>Reranker</source>
        <translation>重排序模型</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Search the Hugging Face and ModelScope caches and the download folder</source>
        <translation>在 Hugging Face 和 ModelScope 缓存以及下载文件夹中查找模型</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Chunk size (tokens)</source>
        <translation>片段大小（词元）</translation>
    </message>
    <message>
        <source>Overlap (tokens)</source>
        <translation>重叠（词元）</translation>
    </message>
    <message>
        <source>New sizes apply to files indexed from now on.</source>
        <translation>新的大小仅适用于此后索引的文件。</translation>
    </message>
    <message>
        <source>Default instructions</source>
        <translation>默认指令</translation>
    </message>
    <message>
        <source>Query embedding</source>
        <translation>查询嵌入</translation>
    </message>
    <message>
        <source>Reranking</source>
        <translation>重排序</translation>
    </message>
    <message>
        <source>Reset to Qwen3&apos;s default</source>
        <translation>恢复为 Qwen3 默认值</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>xun::gui::SimilarPassagesPanel</name>
    <message>
        <source>%1 · passage %2 of %3</source>
        <translation>%1 · 段落 %2/%3</translation>
    </message>
    <message>
        <source>Looking for similar passages…</source>
        <translation>正在查找相似段落…</translation>
    </message>
    <message>
        <source>No similar passages: %1</source>
        <translation>没有相似段落：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) similar to %1, nearest first</source>
        <translation>
            <numerusform>与 %1 相似的 %n 个段落，最相近的排在最前</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to passage</source>
        <translation>转到段落</translation>
    </message>
    <message>
        <source>Similar passages</source>
        <translation>相似段落</translation>
    </message>
    <message>
        <source>The passages of the library nearest to the selected one by meaning</source>
        <translation>文库中与所选段落含义最接近的段落</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantEditor</name>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <source>Remove variant %1</source>
        <translation>移除变体 %1</translation>
    </message>
    <message>
        <source>Query instruction:</source>
        <translation>查询指令：</translation>
    </message>
    <message>
        <source>None: the query is embedded as plain text</source>
        <translation>无：查询按纯文本嵌入</translation>
    </message>
    <message>
        <source>Rerank, with the instruction:</source>
        <translation>重排序，使用指令：</translation>
    </message>
    <message>
        <source>The reranker&apos;s task</source>
        <translation>重排序模型的任务</translation>
    </message>
    <message>
        <source>Embedding:</source>
        <translation>嵌入模型：</translation>
    </message>
    <message>
        <source>The loaded model</source>
        <translation>已加载的模型</translation>
    </message>
    <message>
        <source>A model folder or .gguf file to compare with the loaded one</source>
        <translation>用于与已加载模型比较的模型文件夹或 .gguf 文件</translation>
    </message>
    <message>
        <source>Reranker:</source>
        <translation>重排序模型：</translation>
    </message>
    <message>
        <source>The loaded reranker</source>
        <translation>已加载的重排序模型</translation>
    </message>
    <message>
        <source>A reranker folder or .gguf file to compare with the loaded one</source>
        <translation>用于与已加载重排序模型比较的重排序模型文件夹或 .gguf 文件</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Model file (.gguf)…</source>
        <translation>模型文件 (.gguf)…</translation>
    </message>
    <message>
        <source>Model folder…</source>
        <translation>模型文件夹…</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantRankingModel</name>
    <message>
        <source>%1, p. %2</source>
        <translation>%1，第 %2 页</translation>
    </message>
    <message>
        <source>Mark this passage relevant (in every variant) for NDCG, MRR and recall</source>
        <translation>将此段落标记为相关（对所有变体生效），用于计算 NDCG、MRR 和召回率</translation>
    </message>
    <message>
        <source>Reranker %1, dense %2</source>
        <translation>重排序分数 %1，语义相似度 %2</translation>
    </message>
    <message>
        <source>Dense (cosine) %1</source>
        <translation>语义相似度（余弦）%1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Same rank as in the first variant</source>
        <translation>与第一个变体中的排名相同</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) higher than in the first variant</source>
        <translation>
            <numerusform>比第一个变体中高 %n 位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) lower than in the first variant</source>
        <translation>
            <numerusform>比第一个变体中低 %n 位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not among the first variant&apos;s %n shown result(s)</source>
        <translation>
            <numerusform>不在第一个变体显示的前 %n 个结果中</numerusform>
        </translation>
    </message>
    <message>
        <source>Relevant</source>
        <translation>相关</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>名次变化</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>段落</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantResultsView</name>
    <message>
        <source>No passage matches this query.</source>
        <translation>没有与此查询匹配的段落。</translation>
    </message>
    <message>
        <source>Run the comparison to rank the passages with this variant.</source>
        <translation>运行比较，即可用此变体对段落排序。</translation>
    </message>
    <message>
        <source>Could not run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Passages ranked: %1</source>
        <translation>已排序段落：%1</translation>
    </message>
    <message>
        <source>; vectors computed now: %1</source>
        <translation>；本次计算的向量：%1</translation>
    </message>
    <message>
        <source>; rerank scores computed now: %1</source>
        <translation>；本次计算的重排序分数：%1</translation>
    </message>
    <message>
        <source>NDCG@10:</source>
        <translation>NDCG@10：</translation>
    </message>
    <message>
        <source>MRR:</source>
        <translation>MRR：</translation>
    </message>
    <message>
        <source>Recall@10:</source>
        <translation>召回率@10：</translation>
    </message>
    <message>
        <source>Mark results relevant (✓) to measure each variant against them</source>
        <translation>将结果标记为相关（✓），即可据此衡量各变体</translation>
    </message>
</context>
</TS>
