/*
 * Python 3 lexer for memlint, written from the Python Language Reference, chapter 2
 * "Lexical analysis", and PEP 701 (f-strings) / PEP 750 (t-strings).
 *
 * The rules here only cut the text into raw tokens. Everything that needs memory of what came
 * before (INDENT/DEDENT, NEWLINE versus NL, bracket matching, leaving a replacement field, the
 * format-spec switch, error messages) is done in dev.memlint.parse.PythonLexerBase, because
 * semantic predicates in lexer rules would stop ANTLR from caching its lexer DFA.
 *
 * f-strings and t-strings: the opening token pushes one of eight body modes (quote kind x raw);
 * '{' in a body pushes DEFAULT_MODE for the replacement field; the base class pops it on the
 * field's closing '}' and switches to the matching format-spec mode on a top-level ':'.
 */
lexer grammar PythonLexer;

options { superClass = PythonLexerBase; }

@header { import dev.memlint.parse.PythonLexerBase; }

tokens {
    INDENT, DEDENT,
    FSTRING_START, FSTRING_MIDDLE, FSTRING_END,
    TSTRING_START, TSTRING_MIDDLE, TSTRING_END,
    // Internal types; the base class turns them into parser tokens or errors.
    FIELD_START, SPEC_END, LONE_RBRACE, BODY_NEWLINE, SPEC_QUOTE
}

// ---------------------------------------------------------------- keywords

FALSE    : 'False';
NONE     : 'None';
TRUE     : 'True';
AND      : 'and';
AS       : 'as';
ASSERT   : 'assert';
ASYNC    : 'async';
AWAIT    : 'await';
BREAK    : 'break';
CLASS    : 'class';
CONTINUE : 'continue';
DEF      : 'def';
DEL      : 'del';
ELIF     : 'elif';
ELSE     : 'else';
EXCEPT   : 'except';
FINALLY  : 'finally';
FOR      : 'for';
FROM     : 'from';
GLOBAL   : 'global';
IF       : 'if';
IMPORT   : 'import';
IN       : 'in';
IS       : 'is';
LAMBDA   : 'lambda';
NONLOCAL : 'nonlocal';
NOT      : 'not';
OR       : 'or';
PASS     : 'pass';
RAISE    : 'raise';
RETURN   : 'return';
TRY      : 'try';
WHILE    : 'while';
WITH     : 'with';
YIELD    : 'yield';

// Soft keywords: own tokens, the parser accepts them where a NAME may stand.
MATCH      : 'match';
CASE       : 'case';
TYPE       : 'type';
UNDERSCORE : '_';

// ---------------------------------------------------------------- strings and f-strings
// A string rule must come before NAME so that `rb'x'` is one literal, not a name and a string.

STRING
    : STRING_PREFIX? ( SHORT_SQ | SHORT_DQ | LONG_SQ | LONG_DQ )
    ;

// The same literals without their closing quote(s). Shorter than a terminated literal whenever
// one exists, so these only win when the string really is unterminated.
UNTERMINATED_STRING
    : STRING_PREFIX? ( '\'' SHORT_SQ_ITEM* | '"' SHORT_DQ_ITEM* )
    ;

UNTERMINATED_LONG_STRING
    : STRING_PREFIX? ( '\'\'\'' LONG_SQ_ITEM* ( '\'' | '\'\'' )? | '"""' LONG_DQ_ITEM* ( '"' | '""' )? )
    ;

FSTRING_START_SQ   : F_PREFIX  '\''     -> type(FSTRING_START), pushMode(F_SQ);
FSTRING_START_DQ   : F_PREFIX  '"'      -> type(FSTRING_START), pushMode(F_DQ);
FSTRING_START_TSQ  : F_PREFIX  '\'\'\'' -> type(FSTRING_START), pushMode(F_TSQ);
FSTRING_START_TDQ  : F_PREFIX  '"""'    -> type(FSTRING_START), pushMode(F_TDQ);
FSTRING_START_RSQ  : FR_PREFIX '\''     -> type(FSTRING_START), pushMode(F_RSQ);
FSTRING_START_RDQ  : FR_PREFIX '"'      -> type(FSTRING_START), pushMode(F_RDQ);
FSTRING_START_RTSQ : FR_PREFIX '\'\'\'' -> type(FSTRING_START), pushMode(F_RTSQ);
FSTRING_START_RTDQ : FR_PREFIX '"""'    -> type(FSTRING_START), pushMode(F_RTDQ);

// t-strings from 3.14; before, t"..." is a name and a string, as CPython read it.
TSTRING_START_SQ   : T_PREFIX  '\''     {tStrings}? -> type(TSTRING_START), pushMode(F_SQ);
TSTRING_START_DQ   : T_PREFIX  '"'      {tStrings}? -> type(TSTRING_START), pushMode(F_DQ);
TSTRING_START_TSQ  : T_PREFIX  '\'\'\'' {tStrings}? -> type(TSTRING_START), pushMode(F_TSQ);
TSTRING_START_TDQ  : T_PREFIX  '"""'    {tStrings}? -> type(TSTRING_START), pushMode(F_TDQ);
TSTRING_START_RSQ  : TR_PREFIX '\''     {tStrings}? -> type(TSTRING_START), pushMode(F_RSQ);
TSTRING_START_RDQ  : TR_PREFIX '"'      {tStrings}? -> type(TSTRING_START), pushMode(F_RDQ);
TSTRING_START_RTSQ : TR_PREFIX '\'\'\'' {tStrings}? -> type(TSTRING_START), pushMode(F_RTSQ);
TSTRING_START_RTDQ : TR_PREFIX '"""'    {tStrings}? -> type(TSTRING_START), pushMode(F_RTDQ);

// ---------------------------------------------------------------- numbers

NUMBER
    : INTEGER
    | FLOAT_NUMBER
    | ( FLOAT_NUMBER | DIGIT_PART ) [jJ]
    ;

// ---------------------------------------------------------------- names

NAME : ID_START ID_CONTINUE*;

// ---------------------------------------------------------------- operators and delimiters

LPAR             : '(';
RPAR             : ')';
LSQB             : '[';
RSQB             : ']';
LBRACE           : '{';
RBRACE           : '}';
COLON            : ':';
COMMA            : ',';
SEMI             : ';';
PLUS             : '+';
MINUS            : '-';
STAR             : '*';
SLASH            : '/';
VBAR             : '|';
AMPER            : '&';
LESS             : '<';
GREATER          : '>';
EQUAL            : '=';
DOT              : '.';
PERCENT          : '%';
EQEQUAL          : '==';
NOTEQUAL         : '!=';
LESSEQUAL        : '<=';
GREATEREQUAL     : '>=';
TILDE            : '~';
CIRCUMFLEX       : '^';
LEFTSHIFT        : '<<';
RIGHTSHIFT       : '>>';
DOUBLESTAR       : '**';
PLUSEQUAL        : '+=';
MINEQUAL         : '-=';
STAREQUAL        : '*=';
SLASHEQUAL       : '/=';
PERCENTEQUAL     : '%=';
AMPEREQUAL       : '&=';
VBAREQUAL        : '|=';
CIRCUMFLEXEQUAL  : '^=';
LEFTSHIFTEQUAL   : '<<=';
RIGHTSHIFTEQUAL  : '>>=';
DOUBLESTAREQUAL  : '**=';
DOUBLESLASH      : '//';
DOUBLESLASHEQUAL : '//=';
AT               : '@';
ATEQUAL          : '@=';
RARROW           : '->';
ELLIPSIS         : '...';
COLONEQUAL       : ':=';
EXCLAMATION      : '!';

// ---------------------------------------------------------------- layout

// Every physical line break; the base class decides between NEWLINE and a dropped NL.
NEWLINE : '\r'? '\n' | '\r';

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN);

WS : [ \t\f]+ -> skip;

// Explicit line joining; a backslash followed by anything else is an ERRORTOKEN.
LINE_JOIN : '\\' ( '\r'? '\n' | '\r' );

// Any other character; the base class reports it the way CPython does.
ERRORTOKEN : .;

// ---------------------------------------------------------------- fragments

fragment STRING_PREFIX : [rRuUbB] | [bB] [rR] | [rR] [bB];
fragment F_PREFIX      : [fF];
fragment FR_PREFIX     : [fF] [rR] | [rR] [fF];
fragment T_PREFIX      : [tT];
fragment TR_PREFIX     : [tT] [rR] | [rR] [tT];

fragment SHORT_SQ : '\'' SHORT_SQ_ITEM* '\'';
fragment SHORT_DQ : '"' SHORT_DQ_ITEM* '"';
fragment SHORT_SQ_ITEM : ~[\\\r\n'] | ESCAPE;
fragment SHORT_DQ_ITEM : ~[\\\r\n"] | ESCAPE;

// A long string body never contains three unescaped quotes in a row: every item is at most two
// quotes followed by something that is not a quote.
fragment LONG_SQ : '\'\'\'' LONG_SQ_ITEM* '\'\'\'';
fragment LONG_DQ : '"""' LONG_DQ_ITEM* '"""';
fragment LONG_SQ_ITEM : ( '\'' | '\'\'' )? ( ~[\\'] | ESCAPE );
fragment LONG_DQ_ITEM : ( '"' | '""' )? ( ~[\\"] | ESCAPE );

// A backslash escapes the next character, even in raw strings (r'\'' is a valid literal).
fragment ESCAPE : '\\' ( '\r\n' | . );

// In f-string text a backslash never escapes a brace: `\{` is a backslash and a field. The lone
// backslash before a brace is a text token of its own (rules *_BACKSLASH), so that `\\'` can only be
// read as one escaped backslash followed by the closing quote.
fragment F_ESCAPE  : '\\' ( '\r\n' | ~[{}] );
// \N{NAME} in a non-raw f-string is a character name, not a replacement field.
fragment F_NAMED_SQ : '\\N{' ~[}'\r\n]* '}';
fragment F_NAMED_DQ : '\\N{' ~[}"\r\n]* '}';

fragment INTEGER       : DEC_INTEGER | BIN_INTEGER | OCT_INTEGER | HEX_INTEGER;
fragment DEC_INTEGER   : [1-9] ( '_'? DIGIT )* | '0'+ ( '_'? '0' )*;
fragment BIN_INTEGER   : '0' [bB] ( '_'? [01] )+;
fragment OCT_INTEGER   : '0' [oO] ( '_'? [0-7] )+;
fragment HEX_INTEGER   : '0' [xX] ( '_'? [0-9a-fA-F] )+;
fragment FLOAT_NUMBER  : POINT_FLOAT | EXPONENT_FLOAT;
fragment POINT_FLOAT   : DIGIT_PART? '.' DIGIT_PART | DIGIT_PART '.';
fragment EXPONENT_FLOAT: ( DIGIT_PART | POINT_FLOAT ) [eE] [+-]? DIGIT_PART;
fragment DIGIT_PART    : DIGIT ( '_'? DIGIT )*;
fragment DIGIT         : [0-9];

// Identifiers as in CPython: XID_Start / XID_Continue (the underscore and ASCII spelled out).
fragment ID_START    : [a-zA-Z_] | [\p{XID_Start}];
fragment ID_CONTINUE : [a-zA-Z_0-9] | [\p{XID_Continue}];

// ================================================================ f-string / t-string bodies
// Modes named F_<quote>: SQ ' , DQ " , TSQ ''' , TDQ """ ; an R after F_ means raw.
// In a triple-quoted body one or two quotes are text of their own, three end the literal.

mode F_SQ;
F_SQ_TEXT   : ( ~[{}\\'\r\n] | '{{' | '}}' | F_ESCAPE | F_NAMED_SQ )+ -> type(FSTRING_MIDDLE);
F_SQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_SQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_SQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_SQ_END    : '\'' -> type(FSTRING_END), popMode;
F_SQ_NL     : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode F_DQ;
F_DQ_TEXT   : ( ~[{}\\"\r\n] | '{{' | '}}' | F_ESCAPE | F_NAMED_DQ )+ -> type(FSTRING_MIDDLE);
F_DQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_DQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_DQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_DQ_END    : '"'  -> type(FSTRING_END), popMode;
F_DQ_NL     : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode F_TSQ;
F_TSQ_TEXT   : ( ~[{}\\'] | '{{' | '}}' | F_ESCAPE | F_NAMED_SQ )+ -> type(FSTRING_MIDDLE);
F_TSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_TSQ_QUOTE  : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);
F_TSQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_TSQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_TSQ_END    : '\'\'\'' -> type(FSTRING_END), popMode;

mode F_TDQ;
F_TDQ_TEXT   : ( ~[{}\\"] | '{{' | '}}' | F_ESCAPE | F_NAMED_DQ )+ -> type(FSTRING_MIDDLE);
F_TDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_TDQ_QUOTE  : ( '"' | '""' ) -> type(FSTRING_MIDDLE);
F_TDQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_TDQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_TDQ_END    : '"""' -> type(FSTRING_END), popMode;

mode F_RSQ;
F_RSQ_TEXT   : ( ~[{}\\'\r\n] | '{{' | '}}' | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
F_RSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_RSQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_RSQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_RSQ_END    : '\'' -> type(FSTRING_END), popMode;
F_RSQ_NL     : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode F_RDQ;
F_RDQ_TEXT   : ( ~[{}\\"\r\n] | '{{' | '}}' | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
F_RDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_RDQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_RDQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_RDQ_END    : '"'  -> type(FSTRING_END), popMode;
F_RDQ_NL     : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode F_RTSQ;
F_RTSQ_TEXT   : ( ~[{}\\'] | '{{' | '}}' | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
F_RTSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_RTSQ_QUOTE  : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);
F_RTSQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_RTSQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_RTSQ_END    : '\'\'\'' -> type(FSTRING_END), popMode;

mode F_RTDQ;
F_RTDQ_TEXT   : ( ~[{}\\"] | '{{' | '}}' | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
F_RTDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
F_RTDQ_QUOTE  : ( '"' | '""' ) -> type(FSTRING_MIDDLE);
F_RTDQ_FIELD  : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
F_RTDQ_RBRACE : '}'  -> type(LONE_RBRACE);
F_RTDQ_END    : '"""' -> type(FSTRING_END), popMode;

// ================================================================ format specs
// Entered by the base class (mode switch) after a top-level ':' in a replacement field.
// '{' opens a nested field, '}' closes the enclosing field; braces are never doubled here.
// The closing quote of the literal inside a spec is an error ("f-string: expecting '}'").

mode S_SQ;
S_SQ_TEXT  : ( ~[{}\\'\r\n] | F_ESCAPE | F_NAMED_SQ )+ -> type(FSTRING_MIDDLE);
S_SQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_SQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_SQ_END   : '}'  -> type(SPEC_END), popMode;
S_SQ_QUOTE : '\'' -> type(SPEC_QUOTE);
S_SQ_NL    : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode S_DQ;
S_DQ_TEXT  : ( ~[{}\\"\r\n] | F_ESCAPE | F_NAMED_DQ )+ -> type(FSTRING_MIDDLE);
S_DQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_DQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_DQ_END   : '}'  -> type(SPEC_END), popMode;
S_DQ_QUOTE : '"'  -> type(SPEC_QUOTE);
S_DQ_NL    : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode S_TSQ;
S_TSQ_TEXT  : ( ~[{}\\'] | F_ESCAPE | F_NAMED_SQ )+ -> type(FSTRING_MIDDLE);
S_TSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_TSQ_QUOTE : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);
S_TSQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_TSQ_END   : '}'  -> type(SPEC_END), popMode;
S_TSQ_CLOSE : '\'\'\'' -> type(SPEC_QUOTE);

mode S_TDQ;
S_TDQ_TEXT  : ( ~[{}\\"] | F_ESCAPE | F_NAMED_DQ )+ -> type(FSTRING_MIDDLE);
S_TDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_TDQ_QUOTE : ( '"' | '""' ) -> type(FSTRING_MIDDLE);
S_TDQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_TDQ_END   : '}'  -> type(SPEC_END), popMode;
S_TDQ_CLOSE : '"""' -> type(SPEC_QUOTE);

mode S_RSQ;
S_RSQ_TEXT  : ( ~[{}\\'\r\n] | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
S_RSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_RSQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_RSQ_END   : '}'  -> type(SPEC_END), popMode;
S_RSQ_QUOTE : '\'' -> type(SPEC_QUOTE);
S_RSQ_NL    : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode S_RDQ;
S_RDQ_TEXT  : ( ~[{}\\"\r\n] | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
S_RDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_RDQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_RDQ_END   : '}'  -> type(SPEC_END), popMode;
S_RDQ_QUOTE : '"'  -> type(SPEC_QUOTE);
S_RDQ_NL    : ( '\r'? '\n' | '\r' ) -> type(BODY_NEWLINE);

mode S_RTSQ;
S_RTSQ_TEXT  : ( ~[{}\\'] | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
S_RTSQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_RTSQ_QUOTE : ( '\'' | '\'\'' ) -> type(FSTRING_MIDDLE);
S_RTSQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_RTSQ_END   : '}'  -> type(SPEC_END), popMode;
S_RTSQ_CLOSE : '\'\'\'' -> type(SPEC_QUOTE);

mode S_RTDQ;
S_RTDQ_TEXT  : ( ~[{}\\"] | F_ESCAPE )+ -> type(FSTRING_MIDDLE);
S_RTDQ_BACKSLASH : '\\' -> type(FSTRING_MIDDLE);
S_RTDQ_QUOTE : ( '"' | '""' ) -> type(FSTRING_MIDDLE);
S_RTDQ_FIELD : '{'  -> type(FIELD_START), pushMode(DEFAULT_MODE);
S_RTDQ_END   : '}'  -> type(SPEC_END), popMode;
S_RTDQ_CLOSE : '"""' -> type(SPEC_QUOTE);
