/*
 * QQL, the asset query language (spec/qql.md). Its syntax follows the public Qualys Query Language,
 * so a rule written for Qualys reads the same here:
 *
 *     operatingSystem.category:Server and hardware.category2:`Server`
 *     software:(name:OpenSSL and version:1.0*)
 *     vulnerabilities:(vulnerability.os:"windows" and firstFound > now-3d)
 *     openPorts.port:[123 .. 1234]   asset.riskScore>700   cloud.instanceId:*
 *
 * This grammar fixes only the shape of a query. What a value means (a number, a date, an address, an
 * enum constant, a glob) depends on the field it is matched against, so values stay untyped here and
 * the analyzer types them with the field catalog. That keeps the lexer free of guesses: `CVE-2021-44228`,
 * `now-3d`, `10.0.0.0/8`, `EOL/EOS` and `*prod-db*` are all one WORD, and the field decides.
 */
grammar Qql;

// ---------------------------------------------------------------------------------------------------
// Parser rules
// ---------------------------------------------------------------------------------------------------

/** A whole query. Empty input is rejected by the analyzer with its own message. */
query
    : orExpr? EOF
    ;

/** Lowest precedence: `a OR b OR c`. */
orExpr
    : andExpr (OR andExpr)*
    ;

/** `a AND b` binds tighter than OR. Two terms side by side, with no operator, are an error. */
andExpr
    : notExpr (AND notExpr)*
    ;

/** NOT binds tightest: `NOT a AND b` is `(NOT a) AND b`. */
notExpr
    : NOT notExpr
    | primary
    ;

/** Parentheses group; anything else is a single term. */
primary
    : LPAREN orExpr RPAREN
    | term
    ;

/**
 * One condition. `field:(123 .. 1234)` (a range) and `field:(name:x)` (a nested group) both open with
 * '('; adaptive prediction looks past the first value inside, and a '..' there makes it a range.
 */
term
    : field COLON LPAREN orExpr RPAREN       # nested    // sub-fields relative to field; one element must satisfy all
    | field COLON value                     # match     // contains / exact / glob / equality, any of a list, range
    | field comparison scalar               # compare   // numbers and dates only
    | field IS NOT? NULL                    # isNull    // field absent (or present with NOT)
    | scalar                                # fullText  // bare value: name, hostname, addresses, OS, software
    ;

/** A dotted, case-insensitive path such as `operatingSystem.lifecycle.stage`. */
field
    : WORD
    ;

/** `field:*` (present) is the WORD `*`, told apart by the analyzer. */
value
    : scalar
    | list
    | range
    ;

/** Any of the values: `[Confirmed, Potential]`. */
list
    : LBRACKET scalar (COMMA scalar)* RBRACKET
    ;

/** Bounds: '[' and ']' include the bound, '(' and ')' exclude it; they may be mixed: `[1 .. 10)`. */
range
    : open=(LBRACKET | LPAREN) low=scalar DOTDOT high=scalar close=(RBRACKET | RPAREN)
    ;

/** `>` `>=` `<` `<=` `=`. */
comparison
    : GT | GE | LT | LE | EQ
    ;

/**
 * A single value. A bare value may carry a size unit (`10 MB`); quoted values keep their spaces:
 * "double" and 'single' quotes mean contains (or a glob when they hold '*'), `backticks` mean exact.
 */
scalar
    : bare UNIT?                            # bareScalar
    | DQUOTED                               # quotedScalar
    | SQUOTED                               # quotedScalar
    | BACKTICKED                            # exactScalar
    ;

/** Tokens that read as an unquoted value. A unit name on its own (`kb`) is a word too. */
bare
    : WORD | DATETIME | IPV6 | MAC | UNIT
    ;

// ---------------------------------------------------------------------------------------------------
// Lexer rules. On equal length the rule listed first wins, so keywords come before WORD; otherwise the
// longest match wins, so `android` is a WORD and not AND followed by `roid`.
// ---------------------------------------------------------------------------------------------------

AND  : [Aa] [Nn] [Dd] ;
OR   : [Oo] [Rr] ;
NOT  : [Nn] [Oo] [Tt] ;
IS   : [Ii] [Ss] ;
NULL : [Nn] [Uu] [Ll] [Ll] ;

/** Size units, binary (1 KB = 1024 bytes), accepted after a number on size fields only. */
UNIT : [KkMmGgTt] [Bb] ;

COLON    : ':' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COMMA    : ',' ;
DOTDOT   : '..' ;
GE       : '>=' ;
LE       : '<=' ;
GT       : '>' ;
LT       : '<' ;
EQ       : '=' ;

/*
 * Quoted strings. A backslash escapes the quote character and the backslash itself; any other
 * backslash is kept as written, so "C:\Program Files" needs no doubling.
 */
DQUOTED    : '"'  ( '\\' . | ~["\\] )* '"' ;
SQUOTED    : '\'' ( '\\' . | ~['\\] )* '\'' ;
BACKTICKED : '`'  ( '\\' . | ~[`\\] )* '`' ;

/** A quote that never closes; it is one token longer than any WORD, so the analyzer can name it. */
UNTERMINATED
    : '"'  ( '\\' . | ~["\\] )* '\\'?
    | '\'' ( '\\' . | ~['\\] )* '\\'?
    | '`'  ( '\\' . | ~[`\\] )* '\\'?
    ;

/** An ISO date-time holds ':' and so needs its own token: 2026-01-31T10:00:00Z, 2026-01-31T10:00+02:00. */
DATETIME
    : D4 '-' D2 '-' D2 [Tt] D2 ':' D2 (':' D2 ('.' DIGIT+)?)? ([Zz] | [+-] D2 ':' D2)?
    ;

/** IPv6 addresses and prefixes also hold ':'; they need a '::' or all eight groups: fe80::1, 2001:db8::/32. */
IPV6
    : H16 (':' H16)* '::' (H16 (':' H16)*)? PREFIX?
    | '::' H16 (':' H16)* PREFIX?
    | H16 ':' H16 ':' H16 ':' H16 ':' H16 ':' H16 ':' H16 ':' H16 PREFIX?
    ;

/** A colon-separated MAC address: 00:1A:2B:3C:4D:5E. */
MAC
    : HEX HEX ':' HEX HEX ':' HEX HEX ':' HEX HEX ':' HEX HEX ':' HEX HEX
    ;

/**
 * Everything else unquoted: field paths, words, globs, numbers, dates, addresses, CIDRs.
 * Dots separate parts but never lead, trail or double, so `[1..5]` is a range and `a.b` one word.
 */
WORD
    : WORD_CHAR+ ('.' WORD_CHAR+)*
    ;

WS : [ \t\r\n\f]+ -> skip ;

/** Any other character; the analyzer reports it with its column instead of the lexer guessing. */
UNEXPECTED : . ;

fragment WORD_CHAR : ~[ \t\r\n\f:()[\],"'`<>=.!] ;
fragment DIGIT     : [0-9] ;
fragment D2        : DIGIT DIGIT ;
fragment D4        : DIGIT DIGIT DIGIT DIGIT ;
fragment HEX       : [0-9A-Fa-f] ;
fragment H16       : HEX HEX? HEX? HEX? ;
fragment PREFIX    : '/' DIGIT+ ;
