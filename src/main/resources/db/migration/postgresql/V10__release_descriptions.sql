-- A release's description as its page shows it (issue 13, description.DescriptionRenderer):
-- sanitised HTML, rendered once when the release is created (metadata never changes after the
-- first upload), the renderer that made it ('markdown', 'rst', 'plain', 'empty') and the note
-- when it fell back to plain text (NULL for none). All NULL for a release never rendered: those
-- uploaded before this migration, rendered on first demand (description.ReleaseDescriptions).
ALTER TABLE releases ADD COLUMN description_html TEXT COLLATE "C";
ALTER TABLE releases ADD COLUMN description_renderer TEXT COLLATE "C";
ALTER TABLE releases ADD COLUMN description_problem TEXT COLLATE "C";
