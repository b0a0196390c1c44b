-- A line's extension (an extension may ring several lines) and the users
-- of a line: one main user per line, one main line per user.
CREATE TABLE line_extensions (
    line_id BIGINT PRIMARY KEY REFERENCES lines (id) ON DELETE CASCADE,
    extension_id BIGINT NOT NULL REFERENCES extensions (id) ON DELETE RESTRICT
);
CREATE INDEX line_extensions_extension ON line_extensions (extension_id);

CREATE TABLE user_lines (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    line_id BIGINT NOT NULL REFERENCES lines (id) ON DELETE CASCADE,
    main_user BOOLEAN NOT NULL,
    main_line BOOLEAN NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, line_id)
);
CREATE INDEX user_lines_line ON user_lines (line_id);
CREATE UNIQUE INDEX user_lines_one_main_user ON user_lines (line_id) WHERE main_user;
CREATE UNIQUE INDEX user_lines_one_main_line ON user_lines (user_id) WHERE main_line;
