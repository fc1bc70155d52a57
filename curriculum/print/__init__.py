"""What leaves a built site for paper or disk: the PDFs (latexmk) and the offline zip."""
