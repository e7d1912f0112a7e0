<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>IndexText</name>
    <message numerus="yes">
        <source>%1 of %Ln file(s), %2</source>
        <comment>files done of files found, then the chunks written</comment>
        <translation>
            <numerusform>%1 of %Ln file, %2</numerusform>
            <numerusform>%1 of %Ln files, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chunk(s)</source>
        <translation>
            <numerusform>%Ln chunk</numerusform>
            <numerusform>%Ln chunks</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 files/s, %2 chunks/s</source>
        <translation>%1 files/s, %2 chunks/s</translation>
    </message>
    <message>
        <source>estimating time left…</source>
        <translation>estimating time left…</translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <translation>a few seconds left</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>about %n second left</numerusform>
            <numerusform>about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>about %1 h %2 min left</translation>
    </message>
    <message>
        <source>%1 indexed</source>
        <translation>%1 indexed</translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation>%1 unchanged</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 skipped</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 failed</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 removed</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>separates the counts of a report</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Cancelled after %1 s — %2: %3</source>
        <translation>Cancelled after %1 s — %2: %3</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s</source>
        <comment>480 files: 470 indexed, ... in 12.3 s</comment>
        <translation>%1: %2 in %3 s</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>yesterday</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indexing</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Watching</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Idle</translation>
    </message>
</context>
<context>
    <name>LabPool</name>
    <message>
        <source>The candidates are keyword matches only: %1</source>
        <translation>The candidates are keyword matches only: %1</translation>
    </message>
    <message>
        <source>The candidates are keyword matches only: no embedding model is loaded.</source>
        <translation>The candidates are keyword matches only: no embedding model is loaded.</translation>
    </message>
</context>
<context>
    <name>LabRunner</name>
    <message>
        <source>No embedding model is loaded: choose one in Settings, or give this variant a model file.</source>
        <translation>No embedding model is loaded: choose one in Settings, or give this variant a model file.</translation>
    </message>
    <message>
        <source>No reranker is loaded: choose one in Settings, or give this variant a reranker file.</source>
        <translation>No reranker is loaded: choose one in Settings, or give this variant a reranker file.</translation>
    </message>
    <message>
        <source>%1 is a reranker, not an embedding model.</source>
        <translation>%1 is a reranker, not an embedding model.</translation>
    </message>
    <message>
        <source>%1 is an embedding model, not a reranker.</source>
        <translation>%1 is an embedding model, not a reranker.</translation>
    </message>
    <message>
        <source>Variant %1: loading the models</source>
        <translation>Variant %1: loading the models</translation>
    </message>
    <message>
        <source>Variant %1: embedding passages (%2 of %3)</source>
        <translation>Variant %1: embedding passages (%2 of %3)</translation>
    </message>
    <message>
        <source>Variant %1: reranking (%2 of %3)</source>
        <translation>Variant %1: reranking (%2 of %3)</translation>
    </message>
    <message>
        <source>Finding candidate passages</source>
        <translation>Finding candidate passages</translation>
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
        <translation>Page</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>xun::gui::DateFilter</name>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Past week</source>
        <translation>Past week</translation>
    </message>
    <message>
        <source>Past month</source>
        <translation>Past month</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>Past year</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Custom range…</translation>
    </message>
    <message>
        <source>Only files modified in this period</source>
        <translation>Only files modified in this period</translation>
    </message>
    <message>
        <source>Modified on or after this day</source>
        <translation>Modified on or after this day</translation>
    </message>
    <message>
        <source>Modified on or before this day</source>
        <translation>Modified on or before this day</translation>
    </message>
</context>
<context>
    <name>xun::gui::DocumentTreeModel</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modified</translation>
    </message>
</context>
<context>
    <name>xun::gui::DownloadPanel</name>
    <message>
        <source>Paused. Download again to continue where it stopped.</source>
        <translation>Paused. Download again to continue where it stopped.</translation>
    </message>
    <message>
        <source>The mirror address is not a valid URL: %1</source>
        <translation>The mirror address is not a valid URL: %1</translation>
    </message>
    <message>
        <source>Asking %1 for the file list of %2…</source>
        <translation>Asking %1 for the file list of %2…</translation>
    </message>
    <message>
        <source>%1 of %2 · %3/s · %4</source>
        <translation>%1 of %2 · %3/s · %4</translation>
    </message>
    <message>
        <source>Downloaded and verified: %1</source>
        <translation>Downloaded and verified: %1</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Download failed: %1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>ModelScope serves the same models from mainland China</source>
        <translation>ModelScope serves the same models from mainland China</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Mirror (optional)</source>
        <translation>Mirror (optional)</translation>
    </message>
    <message>
        <source>A server with the same API as the site, e.g. a Hugging Face mirror</source>
        <translation>A server with the same API as the site, e.g. a Hugging Face mirror</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>xun::gui::FailuresModel</name>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Why it was not indexed</source>
        <translation>Why it was not indexed</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <comment>a file not read, then why: too large, binary, a FIFO ...</comment>
        <translation>Skipped: %1</translation>
    </message>
</context>
<context>
    <name>xun::gui::FailuresPanel</name>
    <message numerus="yes">
        <source>%Ln file(s) failed in the last runs</source>
        <translation>
            <numerusform>%Ln file failed in the last runs</numerusform>
            <numerusform>%Ln files failed in the last runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) not indexed in the last runs: %1 failed, %2 skipped</source>
        <translation>
            <numerusform>%Ln file not indexed in the last runs: %1 failed, %2 skipped</numerusform>
            <numerusform>%Ln files not indexed in the last runs: %1 failed, %2 skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the selected files (or all of them) with their reasons</source>
        <translation>Copy the selected files (or all of them) with their reasons</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Show the selected file in the file manager</source>
        <translation>Show the selected file in the file manager</translation>
    </message>
</context>
<context>
    <name>xun::gui::FileActions</name>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>Could not open %1: no application is set up to open this type of file.</source>
        <translation>Could not open %1: no application is set up to open this type of file.</translation>
    </message>
    <message>
        <source>Could not open %1: the file is no longer there.</source>
        <translation>Could not open %1: the file is no longer there.</translation>
    </message>
    <message>
        <source>Could not show %1 in its folder: no file manager is available.</source>
        <translation>Could not show %1 in its folder: no file manager is available.</translation>
    </message>
</context>
<context>
    <name>xun::gui::FirstRunBanner</name>
    <message>
        <source>Add a folder to search its files. Xun reads them on this computer; nothing leaves it.</source>
        <translation>Add a folder to search its files. Xun reads them on this computer; nothing leaves it.</translation>
    </message>
    <message>
        <source>Keyword search already works. To search by meaning (semantic and hybrid search), download or locate a Qwen3-Embedding model in Settings; a Qwen3-Reranker model makes the best results more precise.</source>
        <translation>Keyword search already works. To search by meaning (semantic and hybrid search), download or locate a Qwen3-Embedding model in Settings; a Qwen3-Reranker model makes the best results more precise.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>Choose a folder to index</source>
        <translation>Choose a folder to index</translation>
    </message>
    <message>
        <source>Download or locate a model…</source>
        <translation>Download or locate a model…</translation>
    </message>
    <message>
        <source>Open the model settings</source>
        <translation>Open the model settings</translation>
    </message>
</context>
<context>
    <name>xun::gui::FoldersModel</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>No indexing run over this folder has finished yet</source>
        <translation>No indexing run over this folder has finished yet</translation>
    </message>
    <message>
        <source>Index changes to this folder&apos;s files as they happen</source>
        <translation>Index changes to this folder&apos;s files as they happen</translation>
    </message>
    <message>
        <source>Files that failed in the last run: see the list below</source>
        <translation>Files that failed in the last run: see the list below</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Chunks</translation>
    </message>
    <message>
        <source>Last indexed</source>
        <translation>Last indexed</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Watching</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Failures</translation>
    </message>
</context>
<context>
    <name>xun::gui::FoldersPage</name>
    <message>
        <source>Add a folder to the index</source>
        <translation>Add a folder to the index</translation>
    </message>
    <message>
        <source>Remove “%1” from the index?</source>
        <translation>Remove “%1” from the index?</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n folder(s) from the index?</source>
        <translation>
            <numerusform>Remove %n folder from the index?</numerusform>
            <numerusform>Remove %n folders from the index?</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from the index</source>
        <translation>Remove from the index</translation>
    </message>
    <message>
        <source>Search will no longer find their files. The files on disk are not touched: only the index forgets them.</source>
        <translation>Search will no longer find their files. The files on disk are not touched: only the index forgets them.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Could not read the index: %1</source>
        <translation>Could not read the index: %1</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>Index a folder and everything in it (you can also drop folders here)</source>
        <translation>Index a folder and everything in it (you can also drop folders here)</translation>
    </message>
    <message>
        <source>Remove the selected folders from the index (files on disk stay)</source>
        <translation>Remove the selected folders from the index (files on disk stay)</translation>
    </message>
    <message>
        <source>Re-index</source>
        <translation>Re-index</translation>
    </message>
    <message>
        <source>Index the selected folders again: new and changed files</source>
        <translation>Index the selected folders again: new and changed files</translation>
    </message>
    <message>
        <source>Re-index all</source>
        <translation>Re-index all</translation>
    </message>
    <message>
        <source>Index every folder again: new and changed files</source>
        <translation>Index every folder again: new and changed files</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Go on indexing</source>
        <translation>Go on indexing</translation>
    </message>
    <message>
        <source>Hold indexing after the current file</source>
        <translation>Hold indexing after the current file</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop indexing; finished files stay in the index</source>
        <translation>Stop indexing; finished files stay in the index</translation>
    </message>
    <message>
        <source>Watch for changes</source>
        <translation>Watch for changes</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>No folders yet. Click “Add folder…” or drop a folder here: its files become searchable by keyword as soon as they are indexed, and by meaning once an embedding model is set up in Settings.</source>
        <translation>No folders yet. Click “Add folder…” or drop a folder here: its files become searchable by keyword as soon as they are indexed, and by meaning once an embedding model is set up in Settings.</translation>
    </message>
    <message>
        <source>No embedding model: folders are indexed for keyword search. Choose or download a model in Settings to search by meaning; re-indexing then adds what it needs.</source>
        <translation>No embedding model: folders are indexed for keyword search. Choose or download a model in Settings to search by meaning; re-indexing then adds what it needs.</translation>
    </message>
</context>
<context>
    <name>xun::gui::FormatNames</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Source code</source>
        <translation>Source code</translation>
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
        <translation>%1 is being indexed by another program; try again when it has finished.</translation>
    </message>
    <message>
        <source>%1 is being indexed by %2 (process %3); try again when it has finished.</source>
        <translation>%1 is being indexed by %2 (process %3); try again when it has finished.</translation>
    </message>
</context>
<context>
    <name>xun::gui::IndexProgressPanel</name>
    <message>
        <source>, </source>
        <comment>separates folder names</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Paused: %1</translation>
    </message>
    <message>
        <source>Indexing %1</source>
        <translation>Indexing %1</translation>
    </message>
    <message>
        <source>Looking for files…</source>
        <translation>Looking for files…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>Indexing failed</source>
        <translation>Indexing failed</translation>
    </message>
    <message>
        <source>Indexing cancelled</source>
        <translation>Indexing cancelled</translation>
    </message>
    <message>
        <source>Indexing finished</source>
        <translation>Indexing finished</translation>
    </message>
</context>
<context>
    <name>xun::gui::LabPage</name>
    <message>
        <source>Type a query to compare the variants on.</source>
        <translation>Type a query to compare the variants on.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>The comparison was stopped.</source>
        <translation>The comparison was stopped.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Could not compare: %1</source>
        <translation>Could not compare: %1</translation>
    </message>
    <message>
        <source>No passage matches this query. Index a folder, or try other words.</source>
        <translation>No passage matches this query. Index a folder, or try other words.</translation>
    </message>
    <message>
        <source>Every variant ranked the same candidate passages: %1.</source>
        <translation>Every variant ranked the same candidate passages: %1.</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Comparing…</translation>
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
        <translation>Export comparison</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Could not export: %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exported to %1.</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Query:</translation>
    </message>
    <message>
        <source>A query to compare the variants on</source>
        <translation>A query to compare the variants on</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>Rank the same candidate passages with every variant</source>
        <translation>Rank the same candidate passages with every variant</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Show top:</source>
        <translation>Show top:</translation>
    </message>
    <message>
        <source>How many results each variant lists; the metrics use whole rankings</source>
        <translation>How many results each variant lists; the metrics use whole rankings</translation>
    </message>
    <message>
        <source>Add variant</source>
        <translation>Add variant</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Save the comparison as CSV or JSON</source>
        <translation>Save the comparison as CSV or JSON</translation>
    </message>
    <message>
        <source>Type a query, set up the variants, and compare.</source>
        <translation>Type a query, set up the variants, and compare.</translation>
    </message>
</context>
<context>
    <name>xun::gui::LibraryPage</name>
    <message>
        <source>passage %1 of %2</source>
        <translation>passage %1 of %2</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>page %1</translation>
    </message>
    <message>
        <source>Cannot read the index: %1</source>
        <translation>Cannot read the index: %1</translation>
    </message>
    <message>
        <source>Similar: %1</source>
        <translation>Similar: %1</translation>
    </message>
    <message>
        <source>Nothing is indexed yet: add a folder on the Folders page.</source>
        <translation>Nothing is indexed yet: add a folder on the Folders page.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by name or path</source>
        <translation>Filter by name or path</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Only documents of this type</source>
        <translation>Only documents of this type</translation>
    </message>
    <message>
        <source>Select a document to see its passages.</source>
        <translation>Select a document to see its passages.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n passage(s)</source>
        <translation>
            <numerusform>%1 · %n passage</numerusform>
            <numerusform>%1 · %n passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xun::gui::MainWindow</name>
    <message>
        <source>Indexing…</source>
        <translation>Indexing…</translation>
    </message>
    <message>
        <source>Indexing %1 of %2 files</source>
        <translation>Indexing %1 of %2 files</translation>
    </message>
    <message>
        <source>Xun — private semantic search</source>
        <translation>Xun — private semantic search</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Folders</translation>
    </message>
    <message>
        <source>Instruction lab</source>
        <translation>Instruction lab</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Loading models…</translation>
    </message>
    <message>
        <source>Embedding: %1</source>
        <translation>Embedding: %1</translation>
    </message>
    <message>
        <source>No embedding model: keyword search only</source>
        <translation>No embedding model: keyword search only</translation>
    </message>
    <message>
        <source>Reranker: %1</source>
        <translation>Reranker: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) failed to load</source>
        <translation>
            <numerusform>%n model failed to load</numerusform>
            <numerusform>%n models failed to load</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xun::gui::ModelPicker</name>
    <message>
        <source>Choose a model folder</source>
        <translation>Choose a model folder</translation>
    </message>
    <message>
        <source>Choose a GGUF model file</source>
        <translation>Choose a GGUF model file</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>No embedding model: keyword search works; semantic search needs one.</source>
        <translation>No embedding model: keyword search works; semantic search needs one.</translation>
    </message>
    <message>
        <source>No reranker: results are ranked without reranking.</source>
        <translation>No reranker: results are ranked without reranking.</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>Cannot be used: %1</translation>
    </message>
    <message>
        <source>This is a reranker, not an embedding model.</source>
        <translation>This is a reranker, not an embedding model.</translation>
    </message>
    <message>
        <source>This is an embedding model, not a reranker.</source>
        <translation>This is an embedding model, not a reranker.</translation>
    </message>
    <message>
        <source>%1 · %2 layers · dimension %3 · %4 · %5 of weights · %6</source>
        <translation>%1 · %2 layers · dimension %3 · %4 · %5 of weights · %6</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Folder…</translation>
    </message>
    <message>
        <source>A model folder with config.json, tokenizer.json and *.safetensors</source>
        <translation>A model folder with config.json, tokenizer.json and *.safetensors</translation>
    </message>
    <message>
        <source>GGUF file…</source>
        <translation>GGUF file…</translation>
    </message>
</context>
<context>
    <name>xun::gui::PresetBar</name>
    <message>
        <source>Save preset</source>
        <translation>Save preset</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Name of the preset:</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Preset:</translation>
    </message>
    <message>
        <source>Choose a preset</source>
        <translation>Choose a preset</translation>
    </message>
    <message>
        <source>Load saved variants</source>
        <translation>Load saved variants</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>Save preset…</translation>
    </message>
    <message>
        <source>Save these variants under a name</source>
        <translation>Save these variants under a name</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>Delete the chosen preset</translation>
    </message>
</context>
<context>
    <name>xun::gui::ResultDelegate</name>
    <message>
        <source>%1 · page %2</source>
        <translation>%1 · page %2</translation>
    </message>
</context>
<context>
    <name>xun::gui::ResultListModel</name>
    <message>
        <source>cosine %1</source>
        <translation>cosine %1</translation>
    </message>
    <message>
        <source>BM25 %1</source>
        <translation>BM25 %1</translation>
    </message>
    <message>
        <source>fused %1</source>
        <translation>fused %1</translation>
    </message>
    <message>
        <source>rerank %1</source>
        <translation>rerank %1</translation>
    </message>
    <message>
        <source>Semantic similarity (cosine of the embeddings): %1</source>
        <translation>Semantic similarity (cosine of the embeddings): %1</translation>
    </message>
    <message>
        <source>Keyword score (BM25, higher is better): %1</source>
        <translation>Keyword score (BM25, higher is better): %1</translation>
    </message>
    <message>
        <source>Fused rank score (reciprocal rank fusion): %1</source>
        <translation>Fused rank score (reciprocal rank fusion): %1</translation>
    </message>
    <message>
        <source>Reranker: probability that the passage answers the query: %1</source>
        <translation>Reranker: probability that the passage answers the query: %1</translation>
    </message>
</context>
<context>
    <name>xun::gui::ScoreChart</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variant %1</translation>
    </message>
    <message>
        <source>Scores of the ranked passages</source>
        <translation>Scores of the ranked passages</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>Chart:</translation>
    </message>
    <message>
        <source>Scores by rank</source>
        <translation>Scores by rank</translation>
    </message>
    <message>
        <source>Score distribution (box plot)</source>
        <translation>Score distribution (box plot)</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchOptionsBar</name>
    <message>
        <source>All folders</source>
        <translation>All folders</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Needs an embedding model: download or locate one in Settings</source>
        <translation>Needs an embedding model: download or locate one in Settings</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
    </message>
    <message>
        <source>Semantic</source>
        <translation>Semantic</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <source>Meaning and keywords together (reciprocal rank fusion)</source>
        <translation>Meaning and keywords together (reciprocal rank fusion)</translation>
    </message>
    <message>
        <source>By meaning: the passages whose embeddings are nearest the query&apos;s</source>
        <translation>By meaning: the passages whose embeddings are nearest the query&apos;s</translation>
    </message>
    <message>
        <source>By words: full-text search ranked by BM25; needs no model</source>
        <translation>By words: full-text search ranked by BM25; needs no model</translation>
    </message>
    <message>
        <source>How to search</source>
        <translation>How to search</translation>
    </message>
    <message>
        <source>Keyword search only: %1</source>
        <translation>Keyword search only: %1</translation>
    </message>
    <message>
        <source>Rerank</source>
        <translation>Rerank</translation>
    </message>
    <message>
        <source>Score the best results again with the reranker model (slower, more precise)</source>
        <translation>Score the best results again with the reranker model (slower, more precise)</translation>
    </message>
    <message>
        <source>Needs a reranker model: download or locate one in Settings</source>
        <translation>Needs a reranker model: download or locate one in Settings</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Only files in this folder</source>
        <translation>Only files in this folder</translation>
    </message>
    <message>
        <source>Only files of this type</source>
        <translation>Only files of this type</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchPage</name>
    <message>
        <source>hybrid</source>
        <translation>hybrid</translation>
    </message>
    <message>
        <source>semantic</source>
        <translation>semantic</translation>
    </message>
    <message>
        <source>keyword</source>
        <translation>keyword</translation>
    </message>
    <message>
        <source>Add a folder to index</source>
        <translation>Add a folder to index</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>No folder is indexed yet: add one to search its files.</source>
        <translation>No folder is indexed yet: add one to search its files.</translation>
    </message>
    <message>
        <source>No results for “%1”.</source>
        <translation>No results for “%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in %1 ms</source>
        <translation>
            <numerusform>%n result in %1 ms</numerusform>
            <numerusform>%n results in %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The query is long: the models used its first %n token(s).</source>
        <translation>
            <numerusform>The query is long: the models used its first %n token.</numerusform>
            <numerusform>The query is long: the models used its first %n tokens.</numerusform>
        </translation>
    </message>
    <message>
        <source>reranked</source>
        <translation>reranked</translation>
    </message>
    <message>
        <source>Keyword results only: %1</source>
        <translation>Keyword results only: %1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>Cannot read the index: %1</source>
        <translation>Cannot read the index: %1</translation>
    </message>
    <message>
        <source>Indexing %1… Keyword search finds its files as they come in.</source>
        <translation>Indexing %1… Keyword search finds its files as they come in.</translation>
    </message>
    <message>
        <source>Search your files (Ctrl+K)</source>
        <translation>Search your files (Ctrl+K)</translation>
    </message>
    <message>
        <source>Type to search; ↑ and ↓ choose a result, Enter opens it</source>
        <translation>Type to search; ↑ and ↓ choose a result, Enter opens it</translation>
    </message>
</context>
<context>
    <name>xun::gui::SearchPreview</name>
    <message>
        <source>Select a result to read it in its document.</source>
        <translation>Select a result to read it in its document.</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>page %1</translation>
    </message>
    <message>
        <source>passage %1 of %2</source>
        <translation>passage %1 of %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open the file with its application</source>
        <translation>Open the file with its application</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Show the file in the file manager</source>
        <translation>Show the file in the file manager</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>Copy the file&apos;s path to the clipboard</source>
        <translation>Copy the file&apos;s path to the clipboard</translation>
    </message>
</context>
<context>
    <name>xun::gui::SettingsPage</name>
    <message>
        <source>Loading models…</source>
        <translation>Loading models…</translation>
    </message>
    <message>
        <source>Automatic (the fastest device)</source>
        <translation>Automatic (the fastest device)</translation>
    </message>
    <message>
        <source>CPU backend · %1 cores · %2 · %3 · %4</source>
        <translation>CPU backend · %1 cores · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>%1: %2 (CPU backend)</source>
        <translation>%1: %2 (CPU backend)</translation>
    </message>
    <message>
        <source>No Vulkan device could be listed: %1</source>
        <translation>No Vulkan device could be listed: %1</translation>
    </message>
    <message>
        <source>Embedding model loaded: %1</source>
        <translation>Embedding model loaded: %1</translation>
    </message>
    <message>
        <source>Reranker loaded: %1</source>
        <translation>Reranker loaded: %1</translation>
    </message>
    <message>
        <source>Running on %1</source>
        <translation>Running on %1</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>Not loaded: %1</translation>
    </message>
    <message>
        <source>No model loaded: keyword search works; pick or download a model for semantic search.</source>
        <translation>No model loaded: keyword search works; pick or download a model for semantic search.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <source>Reranker</source>
        <translation>Reranker</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Look again</translation>
    </message>
    <message>
        <source>Search the Hugging Face and ModelScope caches and the download folder</source>
        <translation>Search the Hugging Face and ModelScope caches and the download folder</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>Download a model</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indexing</translation>
    </message>
    <message>
        <source>Chunk size (tokens)</source>
        <translation>Chunk size (tokens)</translation>
    </message>
    <message>
        <source>Overlap (tokens)</source>
        <translation>Overlap (tokens)</translation>
    </message>
    <message>
        <source>New sizes apply to files indexed from now on.</source>
        <translation>New sizes apply to files indexed from now on.</translation>
    </message>
    <message>
        <source>Default instructions</source>
        <translation>Default instructions</translation>
    </message>
    <message>
        <source>Query embedding</source>
        <translation>Query embedding</translation>
    </message>
    <message>
        <source>Reranking</source>
        <translation>Reranking</translation>
    </message>
    <message>
        <source>Reset to Qwen3&apos;s default</source>
        <translation>Reset to Qwen3&apos;s default</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
</context>
<context>
    <name>xun::gui::SimilarPassagesPanel</name>
    <message>
        <source>%1 · passage %2 of %3</source>
        <translation>%1 · passage %2 of %3</translation>
    </message>
    <message>
        <source>Looking for similar passages…</source>
        <translation>Looking for similar passages…</translation>
    </message>
    <message>
        <source>No similar passages: %1</source>
        <translation>No similar passages: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) similar to %1, nearest first</source>
        <translation>
            <numerusform>%n passage similar to %1, nearest first</numerusform>
            <numerusform>%n passages similar to %1, nearest first</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to passage</source>
        <translation>Go to passage</translation>
    </message>
    <message>
        <source>Similar passages</source>
        <translation>Similar passages</translation>
    </message>
    <message>
        <source>The passages of the library nearest to the selected one by meaning</source>
        <translation>The passages of the library nearest to the selected one by meaning</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantEditor</name>
    <message>
        <source>Choose a model folder</source>
        <translation>Choose a model folder</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Choose a model file</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF models (*.gguf);;All files (*)</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variant %1</translation>
    </message>
    <message>
        <source>Remove variant %1</source>
        <translation>Remove variant %1</translation>
    </message>
    <message>
        <source>Query instruction:</source>
        <translation>Query instruction:</translation>
    </message>
    <message>
        <source>None: the query is embedded as plain text</source>
        <translation>None: the query is embedded as plain text</translation>
    </message>
    <message>
        <source>Rerank, with the instruction:</source>
        <translation>Rerank, with the instruction:</translation>
    </message>
    <message>
        <source>The reranker&apos;s task</source>
        <translation>The reranker&apos;s task</translation>
    </message>
    <message>
        <source>Embedding:</source>
        <translation>Embedding:</translation>
    </message>
    <message>
        <source>The loaded model</source>
        <translation>The loaded model</translation>
    </message>
    <message>
        <source>A model folder or .gguf file to compare with the loaded one</source>
        <translation>A model folder or .gguf file to compare with the loaded one</translation>
    </message>
    <message>
        <source>Reranker:</source>
        <translation>Reranker:</translation>
    </message>
    <message>
        <source>The loaded reranker</source>
        <translation>The loaded reranker</translation>
    </message>
    <message>
        <source>A reranker folder or .gguf file to compare with the loaded one</source>
        <translation>A reranker folder or .gguf file to compare with the loaded one</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Choose a model</translation>
    </message>
    <message>
        <source>Model file (.gguf)…</source>
        <translation>Model file (.gguf)…</translation>
    </message>
    <message>
        <source>Model folder…</source>
        <translation>Model folder…</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantRankingModel</name>
    <message>
        <source>%1, p. %2</source>
        <translation>%1, p. %2</translation>
    </message>
    <message>
        <source>Mark this passage relevant (in every variant) for NDCG, MRR and recall</source>
        <translation>Mark this passage relevant (in every variant) for NDCG, MRR and recall</translation>
    </message>
    <message>
        <source>Reranker %1, dense %2</source>
        <translation>Reranker %1, dense %2</translation>
    </message>
    <message>
        <source>Dense (cosine) %1</source>
        <translation>Dense (cosine) %1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Same rank as in the first variant</source>
        <translation>Same rank as in the first variant</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) higher than in the first variant</source>
        <translation>
            <numerusform>%n place higher than in the first variant</numerusform>
            <numerusform>%n places higher than in the first variant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) lower than in the first variant</source>
        <translation>
            <numerusform>%n place lower than in the first variant</numerusform>
            <numerusform>%n places lower than in the first variant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not among the first variant&apos;s %n shown result(s)</source>
        <translation>
            <numerusform>Not among the first variant&apos;s %n shown result</numerusform>
            <numerusform>Not among the first variant&apos;s %n shown results</numerusform>
        </translation>
    </message>
    <message>
        <source>Relevant</source>
        <translation>Relevant</translation>
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
        <translation>Move</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
</context>
<context>
    <name>xun::gui::VariantResultsView</name>
    <message>
        <source>No passage matches this query.</source>
        <translation>No passage matches this query.</translation>
    </message>
    <message>
        <source>Run the comparison to rank the passages with this variant.</source>
        <translation>Run the comparison to rank the passages with this variant.</translation>
    </message>
    <message>
        <source>Could not run: %1</source>
        <translation>Could not run: %1</translation>
    </message>
    <message>
        <source>Passages ranked: %1</source>
        <translation>Passages ranked: %1</translation>
    </message>
    <message>
        <source>; vectors computed now: %1</source>
        <translation>; vectors computed now: %1</translation>
    </message>
    <message>
        <source>; rerank scores computed now: %1</source>
        <translation>; rerank scores computed now: %1</translation>
    </message>
    <message>
        <source>NDCG@10:</source>
        <translation>NDCG@10:</translation>
    </message>
    <message>
        <source>MRR:</source>
        <translation>MRR:</translation>
    </message>
    <message>
        <source>Recall@10:</source>
        <translation>Recall@10:</translation>
    </message>
    <message>
        <source>Mark results relevant (✓) to measure each variant against them</source>
        <translation>Mark results relevant (✓) to measure each variant against them</translation>
    </message>
</context>
</TS>
